import type { LocationSummary, SessionRow } from '@session-desk/contracts';

/**
 * The countries and networks a user's sessions come from, each with its session count, most
 * first (ties by name); undefined when no row carries a location (IP location off).
 */
export function summarizeLocations(rows: readonly SessionRow[]): LocationSummary | undefined {
  if (!rows.some((row) => row.location)) return undefined;
  const countries = new Map<string, { code: string; name: string; sessions: number }>();
  const networks = new Map<number, { asn: number; name: string; sessions: number }>();
  let privateNetwork = 0;
  for (const { location } of rows) {
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
