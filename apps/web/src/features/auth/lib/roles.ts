import { roleLabels, type Role } from '@session-desk/contracts/roles';
import type { BadgeTone } from '@/components/ui/badge';

export const roleDescriptions: Record<Role, string> = {
  admin: 'Full control: sees everything and can end sessions one by one, in bulk or for the whole realm.',
  helpdesk: 'Finds users and ends their sessions or signs them out, always recording a reason.',
  auditor: 'Reviews sessions, users and the audit trail without changing anything.',
};

export const roleBadgeTones: Record<Role, BadgeTone> = {
  admin: 'accent',
  helpdesk: 'accent-soft',
  auditor: 'neutral',
};

export function roleLabel(role: Role): string {
  return roleLabels[role];
}
