import type { z } from 'zod';
import { HttpError } from './errors.js';

/** Parses request input with a contract schema; a mismatch answers 400 naming the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  throw new HttpError(400, 'bad_request', `Invalid ${where}: ${problems}`.slice(0, 500));
}
