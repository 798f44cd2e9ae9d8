/**
 * An answer already serialized as JSON, of the shape `T`: `inRealm` sends `text` as it is instead of
 * serializing an object per request (a page of 50 sessions is about 22 KB of JSON).
 */
export class JsonText<T> {
  /** Only there to carry `T` (never set). */
  declare readonly shape?: T;

  constructor(readonly text: string) {}
}
