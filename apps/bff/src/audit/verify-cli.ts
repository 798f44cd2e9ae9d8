/** `npm run audit:verify`: walks the audit trail's hash chain and reports the first broken link. */
import { runVerifyCommand } from './verify-command.js';

process.exitCode = await runVerifyCommand(process.env, console);
