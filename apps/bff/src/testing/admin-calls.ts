import { keycloakCalls } from '../observability/metrics.js';

/** Admin API calls this process made so far (any outcome), from the gateway's call histogram. */
export async function adminCallCount(): Promise<number> {
  const { values } = await keycloakCalls.get();
  return values.filter((value) => value.metricName === 'session_desk_keycloak_call_duration_seconds_count').reduce((sum, value) => sum + value.value, 0);
}
