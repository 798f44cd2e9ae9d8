import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors.js';
import { decodeCursor, encodeCursor, toPage } from './audit-cursor.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('page cursors', () => {
  it('round-trips a seq through opaque base64url', () => {
    for (const seq of [1, 42, 9_007_199_254_740_991]) {
      const cursor = encodeCursor(seq);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor)).toBe(seq);
    }
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['empty', ''],
    ['too long', 'A'.repeat(201)],
    ['no prefix', b64('42')],
    ['not a number', b64('seq:abc')],
    ['zero', b64('seq:0')],
    ['leading zero', b64('seq:042')],
    ['negative', b64('seq:-1')],
    ['beyond safe integers', b64('seq:99999999999999999')],
    ['trailing text', b64('seq:42;drop table')],
    ['padded base64', `${encodeCursor(7)}=`],
    ['SQL', "1' OR '1'='1"],
  ])('rejects a %s cursor with 400', (_name, cursor) => {
    let caught: unknown;
    try {
      decodeCursor(cursor);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(HttpError);
    expect(caught).toMatchObject({ status: 400, code: 'bad_request' });
  });
});

describe('toPage', () => {
  it('cuts the look-ahead row and points the cursor at the last item', () => {
    const page = toPage([{ seq: 9 }, { seq: 8 }, { seq: 7 }], 2);
    expect(page.items).toEqual([{ seq: 9 }, { seq: 8 }]);
    expect(decodeCursor(page.nextCursor ?? '')).toBe(8);
  });

  it('has no cursor on the last page', () => {
    expect(toPage([{ seq: 2 }, { seq: 1 }], 2).nextCursor).toBeNull();
    expect(toPage([], 5)).toEqual({ items: [], nextCursor: null });
  });
});
