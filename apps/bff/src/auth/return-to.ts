/**
 * Accepts only same-origin relative paths as the place to land after sign-in; anything else
 * (absolute URLs, protocol-relative `//host`, `/\host`, `javascript:`, control characters, and
 * their encodings) lands on the console's home page.
 */
export function safeReturnTo(value: unknown, publicUrl: URL): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return '/';
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
  for (const candidate of [value, decoded]) {
    if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return '/';
    if ([...candidate].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return '/';
  }
  const resolved = new URL(value, publicUrl);
  if (resolved.origin !== publicUrl.origin) return '/';
  if (resolved.pathname.startsWith('/auth/') || resolved.pathname.startsWith('/api/')) return '/';
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
