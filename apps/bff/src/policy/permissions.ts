import { permissionsFor, primaryRole, rolesGrant } from '@session-desk/contracts';

/** The role-grant table lives in the contracts (`roleGrants`); the BFF enforces it through these. */
export { permissionsFor, primaryRole, rolesGrant as hasPermission };
