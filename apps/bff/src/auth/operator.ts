import { decodeJwt } from 'jose';
import { roleSchema, type Role } from '@session-desk/contracts';

export interface Operator {
  id: string;
  username: string;
  name: string;
  email: string | null;
  roles: Role[];
  realm: string;
}

interface TokenClaims {
  sub?: unknown;
  preferred_username?: unknown;
  name?: unknown;
  email?: unknown;
  resource_access?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** The console roles an access token grants: the client roles of the console's own OIDC client. */
export function rolesFromAccessToken(accessToken: string, clientId: string): Role[] {
  const claims = decodeJwt(accessToken) as TokenClaims;
  const access = claims.resource_access;
  if (typeof access !== 'object' || access === null) return [];
  const client = (access as Record<string, unknown>)[clientId];
  if (typeof client !== 'object' || client === null) return [];
  const roles = (client as { roles?: unknown }).roles;
  if (!Array.isArray(roles)) return [];
  return roles.flatMap((role) => {
    const parsed = roleSchema.safeParse(role);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Builds the operator from the ID token claims (verified by openid-client) and the access token
 * received from the token endpoint on the back channel.
 */
export function operatorFromTokens(idClaims: TokenClaims, accessToken: string, clientId: string, realm: string): Operator {
  const id = text(idClaims.sub);
  if (!id) throw new Error('the ID token has no subject');
  const username = text(idClaims.preferred_username) ?? id;
  return {
    id,
    username,
    name: text(idClaims.name) ?? username,
    email: text(idClaims.email) ?? null,
    roles: rolesFromAccessToken(accessToken, clientId),
    realm,
  };
}
