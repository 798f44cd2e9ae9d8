import { z } from 'zod';

/** Plain decimal digits: `1e3`, `0x10`, ` 1`, `+1`, `1.0` are not. */
const DIGITS = /^\d{1,15}$/;

/**
 * A whole number in a query string, between `min` and `max`: only plain decimal digits are read
 * (so `1e3`, `0x10` and ` 1` are refused rather than guessed at); a number passes as it is.
 */
export function wholeNumberParam(min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && DIGITS.test(value) ? Number(value) : value),
    z
      .number({ error: 'must be a whole number written in digits' })
      .int('must be a whole number')
      .min(min, min === 0 ? 'must not be negative' : `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
}

/** The query of an endpoint that takes none: any parameter is refused, as on the routes that take some. */
export const noQuerySchema = z.strictObject({});
