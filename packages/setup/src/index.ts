export * from './requirements.js';
export { SetupError, type SetupErrorCode } from './errors.js';
export { connectAdmin, normaliseKeycloakUrl, checkKeycloakAnswers, type AdminCredentials, type AdminConnection } from './admin-connection.js';
export { provision, planProvisioning, type ProvisionOptions, type ProvisionResult, type Change } from './provision.js';
export { parseEnvFile, mergeEnvFile, readEnvFile, writeEnvFile, type EnvValues } from './env-file.js';
export { checkConnection, type ConnectionSettings, type ConnectionCheck, type ConnectionReport, type CheckStatus } from './doctor.js';
export { formatReport } from './report.js';
export { runSetup, SETUP_USAGE, type SetupIo, type SetupOutcome } from './setup-command.js';
