import { generateSchema } from '@anatine/zod-openapi';
import type { ReferenceObject, SchemaObject } from 'openapi3-ts';
import type { ZodTypeAny } from 'zod';

/** Which side of a schema the document shows: what a request sends, or what a response holds. */
export type SchemaSide = 'input' | 'output';

type Json = SchemaObject | ReferenceObject;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every integer of the contract fits 32 bits (years, page sizes, statuses, lifetimes in seconds), so
 * each says so: generated clients then pick a fixed-size type.
 */
const withIntegerFormats = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(withIntegerFormats);
  if (!isObject(node)) return node;
  const mapped = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withIntegerFormats(value)]),
  );
  return mapped.type === 'integer' && mapped.format === undefined
    ? { ...mapped, format: 'int32' }
    : mapped;
};

/**
 * The OpenAPI 3.0 schema of a zod type, as a request (`input`: before transforms, defaults optional)
 * or a response (`output`) sees it.
 *
 * @example
 * schemaOf(BookSchema, 'output'); // { type: 'object', properties: { id: { type: 'string', format: 'uuid', … } } }
 */
export const schemaOf = (zod: ZodTypeAny, side: SchemaSide): SchemaObject => {
  const generated: unknown = generateSchema(zod, side === 'output');
  return withIntegerFormats(generated) as SchemaObject;
};

/** A schema's JSON without its own description: the same type, whatever it was called where used. */
const identityOf = (schema: unknown): string => {
  if (!isObject(schema)) return JSON.stringify(schema);
  const { description: _description, ...rest } = schema;
  return JSON.stringify(rest);
};

/**
 * Replaces every subschema equal to a named component (up to its description) with a `$ref`, so
 * `BookPage.items` points at `Book` and `Problem.errors` at `FieldError`. The root itself is only
 * replaced when `replaceRoot` is set (a component is never a reference to itself).
 */
export const referToComponents = (
  schema: SchemaObject,
  components: ReadonlyMap<string, SchemaObject>,
  replaceRoot: boolean,
): Json => {
  const names = new Map([...components].map(([name, component]) => [identityOf(component), name]));
  const visit = (node: unknown, isRoot: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => visit(item, false));
    if (!isObject(node)) return node;
    const name = isRoot && !replaceRoot ? undefined : names.get(identityOf(node));
    if (name !== undefined) return { $ref: `#/components/schemas/${name}` };
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, visit(value, false)]),
    );
  };
  return visit(schema, true) as Json;
};
