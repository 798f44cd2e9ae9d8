import { z } from 'zod';
import { permissions, roles } from './roles.js';

export const roleSchema = z.enum(roles);
export const permissionSchema = z.enum(permissions);
