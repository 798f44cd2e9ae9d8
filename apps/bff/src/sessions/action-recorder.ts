import type { Operator } from '../auth/operator.js';

/** Who is acting, from where: the part of every audit record that comes from the request. */
export interface ActionContext {
  operator: Operator;
  requestId: string;
  ip: string;
}

export type RecordedAction = 'session.end' | 'user.logout' | 'own-session.end';

export interface ActionIntent {
  action: RecordedAction;
  realm: string;
  targetUser: { id: string; username: string } | null;
  sessionId: string | null;
  reason: string | null;
  details?: Record<string, unknown>;
}

export interface ActionAttempt {
  succeeded(details?: Record<string, unknown>): Promise<void>;
  failed(error: string, details?: Record<string, unknown>): Promise<void>;
}

/**
 * Where destructive actions are recorded. `attempt` is written before Keycloak is called and throws
 * (503) when it cannot be written, so nothing is ever done without a record.
 */
export interface ActionRecorder {
  attempt(context: ActionContext, intent: ActionIntent): Promise<ActionAttempt>;
  refused(context: ActionContext, intent: ActionIntent, why: string): Promise<void>;
}
