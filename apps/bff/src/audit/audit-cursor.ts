import { HttpError } from '../http/errors.js';

const PREFIX = 'seq:';
const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;
const DECODED = /^seq:([1-9][0-9]{0,15})$/;

const invalidCursor = () => new HttpError(400, 'bad_request', 'The cursor is not valid. Start again from the first page.');

/** Page cursors are opaque to clients: base64url of the last seq returned. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`${PREFIX}${seq}`, 'utf8').toString('base64url');
}

/** The seq a cursor continues below; anything that is not exactly what encodeCursor produces is rejected. */
export function decodeCursor(cursor: string): number {
  if (!BASE64URL.test(cursor)) throw invalidCursor();
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = DECODED.exec(decoded);
  const seq = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (!Number.isSafeInteger(seq) || encodeCursor(seq) !== cursor) throw invalidCursor();
  return seq;
}

/** One page from `limit + 1` rows read newest first: the extra row only tells that there is a next page. */
export function toPage<T extends { seq: number }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.seq) : null };
}
