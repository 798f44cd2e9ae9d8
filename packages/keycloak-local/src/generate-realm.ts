import { writeFileSync } from 'node:fs';
import { realmFile } from './paths.ts';
import { buildRealmDocument } from './realm-document.ts';

export function renderRealmJson(): string {
  return `${JSON.stringify(buildRealmDocument(), null, 2)}\n`;
}

if (import.meta.main) {
  writeFileSync(realmFile, renderRealmJson());
  console.log(`Wrote ${realmFile}`);
}
