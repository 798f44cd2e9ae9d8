import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { noQuerySchema } from '@session-desk/contracts';
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

/**
 * Middleware for an endpoint that takes no query parameters: any parameter answers 400, as an
 * unknown parameter does on the endpoints that take some (a typo is reported, not ignored).
 */
export const noQuery: RequestHandler = (req, _res, next) => {
  parse(noQuerySchema, req.query, 'query');
  next();
};
