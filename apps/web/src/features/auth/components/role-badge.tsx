import type { Role } from '@session-desk/contracts';
import type { HTMLAttributes } from 'react';
import { Badge } from '@/components/ui/badge';
import { roleBadgeTones, roleLabel } from '../lib/roles';

export function RoleBadge({ role, ...props }: { role: Role } & Omit<HTMLAttributes<HTMLSpanElement>, 'children'>) {
  return (
    <Badge tone={roleBadgeTones[role]} {...props}>
      {roleLabel(role)}
    </Badge>
  );
}
