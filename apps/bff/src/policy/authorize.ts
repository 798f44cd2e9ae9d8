import type { Permission } from '@session-desk/contracts';
import { HttpError } from '../http/errors.js';
import { decide, type PolicyOperator } from './decide.js';

/** Throws the policy's refusal as an HTTP error; used by reads, where a refusal is not recorded. */
export function authorize(operator: PolicyOperator, permission: Permission, managedRealms: readonly string[], realm?: string): void {
  const decision = decide({ operator, permission, realm, managedRealms });
  if (!decision.allowed) throw new HttpError(decision.status, decision.code, decision.reason);
}
