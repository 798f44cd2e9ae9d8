import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process: what /metrics on the metrics port exposes (Prometheus text format). */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** A counter of this registry with one label, `outcome`. */
const outcomeCounter = (name: string, help: string) => new Counter({ name, help, labelNames: ['outcome'] as const, registers: [registry] });

export const httpRequests = new Histogram({
  name: 'session_desk_http_request_duration_seconds',
  help: 'HTTP requests by route, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  // Sub-millisecond buckets: a page served from a snapshot takes about a millisecond (see bench/README.md).
  buckets: [0.0005, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const keycloakCalls = new Histogram({
  name: 'session_desk_keycloak_call_duration_seconds',
  help: 'Admin API calls toward Keycloak by outcome (ok, or the HTTP error code the BFF answered)',
  labelNames: ['outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const tokenFetches = outcomeCounter('session_desk_service_token_fetches_total', 'Service-account tokens fetched from Keycloak, by outcome');

export const auditWrites = outcomeCounter('session_desk_audit_writes_total', 'Audit records written, by outcome (ok or failed)');

export const bulkItems = outcomeCounter('session_desk_bulk_job_items_total', 'Bulk job items by outcome');
