import { z } from 'zod';

/**
 * The same schema with every object made strict, however deeply nested: a response carrying a field
 * the contract does not declare fails, instead of the field being stripped silently.
 *
 * @example
 * strictSchema(z.object({ id: z.string() })).safeParse({ id: 'a', extra: 1 }).success; // false
 */
export const strictSchema = (schema: z.ZodTypeAny): z.ZodTypeAny => {
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodTypeAny>;
    return z
      .object(
        Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, strictSchema(value)])),
      )
      .strict();
  }
  if (schema instanceof z.ZodArray) return z.array(strictSchema(schema.element as z.ZodTypeAny));
  if (schema instanceof z.ZodNullable)
    return strictSchema(schema.unwrap() as z.ZodTypeAny).nullable();
  if (schema instanceof z.ZodOptional)
    return strictSchema(schema.unwrap() as z.ZodTypeAny).optional();
  return schema;
};
