import { z } from 'zod';

/** Every 4xx/5xx answer of the BFF has this body. */
export const apiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Machine-readable error codes, one per failure the SPA treats differently. */
export const errorCodes = [
  'bad_request',
  'unauthenticated',
  'forbidden',
  'csrf_rejected',
  'not_found',
  'payload_too_large',
  'headers_too_large',
  'request_timeout',
  'unsupported_media_type',
  'invalid_utf8',
  'keycloak_unavailable',
  'keycloak_timeout',
  'keycloak_error',
  'busy',
  'snapshot_building',
  'session_store_unavailable',
  'audit_unavailable',
  'audit_read_unavailable',
  'jobs_unavailable',
  'concerns_unavailable',
  'rate_limited',
  'conflict',
  'escalation_guard_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];
