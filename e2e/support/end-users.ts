/**
 * The demo end users the browser tests act on, each owned by one spec file, so no two suites share one.
 * They are the first names of the demo realm's alphabetical end-user list; the BFF's integration
 * tests reserve theirs from the end of that list (`reservedEndUser` in
 * apps/bff/src/testing/end-user-sessions.ts, which checks that the two ranges never meet), and
 * packages/keycloak-local's tests take the 8th and 9th names. help-desk.spec.ts and a11y.spec.ts
 * name theirs in place (the first five names, and uma.olsen).
 */
export const browserEndUsers = {
  sessions: 'aisha.zhang',
  bulk: 'alejandro.bauer',
  audit: 'alejandro.kowalski',
  hostileReason: 'alejandro.patel',
  // layout.spec.ts' layout test (alejandro.brennan and alejandro.eriksen belong to keycloak-local).
  layout: 'alejandro.rossi',
  // concerns.spec.ts: one per rule's case, and one per test that acts on its own case.
  concernTraveller: 'alejandro.santos',
  concernNewcomer: 'alejandro.tanaka',
  concernHoarder: 'alejandro.yilmaz',
  concernIdler: 'amara.abbott',
  concernOldTimer: 'amara.brennan',
  concernEnded: 'amara.jensen',
  concernAudited: 'amara.moreau',
  concernTuned: 'amara.olsen',
  clientChart: 'amara.petrov',
  // layout.spec.ts' demo-length rows (a public network, four apps in one session, a revoked one).
  wideRows: 'amara.quinn',
  // sign-in.spec.ts: a person Keycloak signs in who holds no console role.
  noRole: 'amara.torres',
} as const;
