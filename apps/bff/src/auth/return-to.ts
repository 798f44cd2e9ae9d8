const MAX_LENGTH = 2048;
/** Control characters, and characters that browsers strip or read as a slash inside a URL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\\\u00A0\u1680\u2000-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF\uFF0F\uFF3C]/u;

/** An empty segment (`//`) or a dot segment (`/./`, `/../`) anywhere: no console link has one, and normalisation acts on them. */
const AMBIGUOUS_SEGMENT = /\/\/|\/\.{1,2}(\/|$|\?|#)/;

const isSafePath = (candidate: string) =>
  candidate.startsWith('/') && !AMBIGUOUS_SEGMENT.test(candidate) && !UNSAFE.test(candidate);

/**
 * Accepts only a path on the console's own origin as the place to land after sign-in; anything
 * else lands on the console's home page (`/`). The value is checked as given, after percent-decoding
 * (up to three rounds), and again after URL normalisation (dot segments, `%2e`), because
 * normalisation can turn `/.//host` into the scheme-relative `//host`. Paths under `/auth/` and
 * `/api/` are refused too (they are not pages).
 */
export function safeReturnTo(value: unknown, publicUrl: URL): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return '/';
  let decoded = value;
  for (let round = 0; round < 3; round += 1) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      return '/';
    }
  }
  if (!isSafePath(value) || !isSafePath(decoded)) return '/';
  // Cannot fail nor leave the origin for a path that passed isSafePath; checked anyway, as the last word.
  const resolved = URL.parse(value, publicUrl.href);
  if (resolved?.origin !== publicUrl.origin) return '/';
  const result = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  const decodedPath = safeDecode(resolved.pathname);
  if (!isSafePath(result) || decodedPath === undefined || !isSafePath(decodedPath)) return '/';
  if (/^\/(auth|api)(\/|$)/i.test(decodedPath)) return '/';
  return result;
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
