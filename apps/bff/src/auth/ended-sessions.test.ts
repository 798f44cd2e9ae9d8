import type session from 'express-session';
import { describe, expect, it } from 'vitest';
import { EndedSessionsStore, MemoryEndedSessionMarks } from './ended-sessions.js';
import { MemorySessionStore } from './memory-session-store.js';

const data = (operator: string) => ({ cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) }, operator }) as unknown as session.SessionData;

const call = (run: (callback: (err?: unknown) => void) => void) => new Promise<void>((resolve, reject) => run((err) => (err ? reject(err as Error) : resolve())));
const read = (store: session.Store, sid: string) =>
  new Promise<session.SessionData | null | undefined>((resolve, reject) => store.get(sid, (err, value) => (err ? reject(err as Error) : resolve(value))));

describe('EndedSessionsStore', () => {
  it('keeps a destroyed session destroyed: the write-back of a request that loaded it before stores nothing, and a touch brings nothing back', async () => {
    const store = new EndedSessionsStore(new MemorySessionStore(60_000), new MemoryEndedSessionMarks(), 60_000);
    await call((done) => store.set('s1', data('ada'), done));
    expect(await read(store, 's1')).toMatchObject({ operator: 'ada' });

    await call((done) => store.destroy('s1', done));
    await call((done) => store.set('s1', data('ada'), done));
    await call((done) => store.touch('s1', data('ada'), done));
    expect(await read(store, 's1')).toBeNull();
    // Other sessions are written as before.
    await call((done) => store.set('s2', data('hal'), done));
    expect(await read(store, 's2')).toMatchObject({ operator: 'hal' });
  });

  it('lets a destroy that lands while a write is under way win', async () => {
    const inner = new MemorySessionStore(60_000);
    const store = new EndedSessionsStore(inner, new MemoryEndedSessionMarks(), 60_000);
    let destroyDuringWrite: Promise<void> | undefined;
    const write = inner.set.bind(inner);
    inner.set = (sid, value, callback) => {
      write(sid, value);
      destroyDuringWrite = call((done) => store.destroy(sid, done));
      callback?.();
    };
    await call((done) => store.set('s1', data('ada'), done));
    await destroyDuringWrite;
    expect(await read(store, 's1')).toBeNull();
  });

  it('forgets a mark once its time is over, so an id is only held back as long as a request may hold it', async () => {
    const marks = new MemoryEndedSessionMarks();
    await marks.mark('s1', 20);
    expect(await marks.isMarked('s1')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await marks.isMarked('s1')).toBe(false);
  });
});
