import { createQueryId, type Compilable, type CompiledQuery, type RootOperationNode } from 'kysely';
import type { Db } from './database.js';
import { isSqlite } from './dialect.js';

/** Stands in for the value named `name` while a query is compiled. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * Compiles each shape of a query once. Kysely builds and compiles a query on every call, which on
 * the list route cost about a sixth of the request. `build` is called once per shape with stand-ins
 * in place of the values, so each value becomes a parameter of the compiled SQL; every later call
 * with that shape reuses the SQL with its own values.
 *
 * The shape is the dialect of `db` (SQLite and PostgreSQL write the same query differently) and which
 * values are present (a value that is `undefined` stays so, for `build` to branch on); `build` must
 * treat present values as opaque parameters, never inspect them.
 *
 * @example
 * const compile = queryTemplates<{ id: string }>();
 * const query = compile(db, 'byId', { id }, (values) => db.selectFrom('books').where('id', '=', values.id));
 */
export const queryTemplates = <Values extends Record<string, unknown>>() => {
  const templates = new Map<string, { sql: string; names: string[]; query: RootOperationNode }>();
  return <Row>(
    db: Db,
    kind: string,
    values: Values,
    build: (values: Values) => Compilable<Row>,
  ): CompiledQuery<Row> => {
    const present = Object.keys(values).filter((name) => values[name] !== undefined);
    const shape = `${isSqlite(db) ? 'sqlite' : 'postgres'}|${kind}|${present.join(',')}`;
    let template = templates.get(shape);
    if (template === undefined) {
      const slots = Object.fromEntries(present.map((name) => [name, new Slot(name)]));
      // The stand-ins replace the values only while compiling; build never looks inside them.
      const compiled = build(slots as Values).compile();
      const names = compiled.parameters.map((parameter) => {
        if (!(parameter instanceof Slot)) {
          throw new Error(`${shape}: a parameter does not come from the values`);
        }
        return parameter.name;
      });
      template = { sql: compiled.sql, names, query: compiled.query };
      templates.set(shape, template);
    }
    // The operation tree is kept so Kysely's `log` still sees a select (for the query metrics).
    return {
      query: template.query,
      queryId: createQueryId(),
      sql: template.sql,
      parameters: template.names.map((name) => values[name]),
    };
  };
};
