import { z } from 'zod';

/**
 * Zod compiles fast validators with `new Function` when it can. Under our strict CSP
 * (script-src 'self', no 'unsafe-eval') even its feature probe is reported as a CSP violation,
 * so switch that off before anything parses. Imported first by main.tsx and by config/env.ts.
 */
z.config({ jitless: true });
