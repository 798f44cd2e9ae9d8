import type { LocationSummary, SessionLocation } from '@session-desk/contracts';

/**
 * The countries and networks of a set of sessions (one location per session), each with its
 * session count, most first (ties by name); undefined when none has a location (IP location off).
 */
export function summarizeLocations(locations: ReadonlyArray<SessionLocation | null | undefined>): LocationSummary | undefined {
  if (!locations.some(Boolean)) return undefined;
  const countries = new Map<string, { code: string; name: string; sessions: number }>();
  const networks = new Map<number, { asn: number; name: string; sessions: number }>();
  let privateNetwork = 0;
  for (const location of locations) {
    if (location?.scope === 'private') privateNetwork += 1;
    if (location?.country) {
      const known = countries.get(location.country.code) ?? { ...location.country, sessions: 0 };
      known.sessions += 1;
      countries.set(known.code, known);
    }
    if (location?.network) {
      const known = networks.get(location.network.asn) ?? { ...location.network, sessions: 0 };
      known.sessions += 1;
      networks.set(known.asn, known);
    }
  }
  const mostFirst = <T extends { name: string; sessions: number }>(a: T, b: T) => b.sessions - a.sessions || a.name.localeCompare(b.name);
  return { countries: [...countries.values()].sort(mostFirst), networks: [...networks.values()].sort(mostFirst), privateNetwork };
}
