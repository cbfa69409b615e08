import type { FieldError } from '@shelf/client';
import type { ZodError } from 'zod';

/** Field name to message, for showing errors next to inputs. */
export type FieldErrors = Partial<Record<string, string>>;

/** Server problem errors (`body.title`) keyed by field name (`title`). */
export const fromProblemErrors = (errors: FieldError[]): FieldErrors =>
  Object.fromEntries(
    errors.map((error) => [
      error.path.replace(/^body\.?/, '').split('.')[0] || 'form',
      error.message,
    ]),
  );

/** Client-side zod errors keyed by field name. */
export const fromZodError = (error: ZodError): FieldErrors =>
  Object.fromEntries(error.issues.map((issue) => [String(issue.path[0] ?? 'form'), issue.message]));
