export type OperatorRole = 'admin' | 'helpdesk' | 'auditor';

export interface DemoOperator {
  username: string;
  password: string;
  role: OperatorRole;
  email: string;
  firstName: string;
  lastName: string;
}

export interface DemoApp {
  clientId: string;
  name: string;
}

export const OPERATOR_ROLES: ReadonlyArray<{ role: OperatorRole; description: string }> = [
  { role: 'admin', description: 'Session Desk administrator: sees and ends any session, manages the desk.' },
  { role: 'helpdesk', description: 'Session Desk helpdesk: looks up users and ends their sessions.' },
  { role: 'auditor', description: 'Session Desk auditor: read-only access to sessions and events.' },
];

/** Exactly what the BFF's service account may do in the demo realm; nothing more. */
export const SERVICE_ACCOUNT_ROLES: readonly string[] = [
  'view-users',
  'query-users',
  'manage-users',
  'view-clients',
  'query-clients',
  'view-realm',
  'view-events',
  'manage-realm',
];

export const DEMO_APPS: readonly DemoApp[] = [
  { clientId: 'demo-portal', name: 'Employee Portal' },
  { clientId: 'demo-mail', name: 'Webmail' },
  { clientId: 'demo-crm', name: 'CRM' },
  { clientId: 'demo-mobile', name: 'Mobile App' },
];

/**
 * Ports the BFF and SPA run on: 3000 the demo, 3100 the browser tests, 3101 and 3103 the bench's
 * and the soak's two instances, 3102 the BFF's own process tests (so neither clashes with a browser
 * run), 5173 Vite.
 */
export const DESK_ORIGINS: readonly string[] = [
  'http://localhost:3000',
  'http://localhost:3100',
  'http://localhost:3101',
  'http://localhost:3102',
  'http://localhost:3103',
  'http://localhost:5173',
];

type OperatorSeed = Pick<DemoOperator, 'username' | 'role' | 'firstName' | 'lastName'>;

const operatorSeeds: readonly OperatorSeed[] = [
  { username: 'desk-admin', role: 'admin', firstName: 'Ada', lastName: 'Admin' },
  { username: 'desk-helpdesk', role: 'helpdesk', firstName: 'Hal', lastName: 'Helpdesk' },
  { username: 'desk-auditor', role: 'auditor', firstName: 'Audrey', lastName: 'Auditor' },
];

export interface DemoRealm {
  realm: 'demo';
  bff: { clientId: 'session-desk'; clientSecret: string };
  service: { clientId: 'session-desk-service'; clientSecret: string };
  operators: ReadonlyArray<DemoOperator>;
  apps: readonly string[];
  endUserPassword: string;
}

/** Demo-only credentials: operators' passwords equal their usernames. */
export const demoRealm: DemoRealm = {
  realm: 'demo',
  bff: { clientId: 'session-desk', clientSecret: 'session-desk-demo-secret' },
  service: { clientId: 'session-desk-service', clientSecret: 'session-desk-service-demo-secret' },
  operators: operatorSeeds.map((o) => ({ ...o, password: o.username, email: `${o.username}@session-desk.example` })),
  apps: DEMO_APPS.map((a) => a.clientId),
  endUserPassword: 'demo-user-password',
};
