import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFolderEvidenceStore, type EvidenceStore } from '../../server/evidence/evidence-store.ts';

/** A real evidence store in a fresh folder of its own under the system's temporary directory. */
export function tempEvidenceStore(): EvidenceStore {
  return createFolderEvidenceStore(mkdtempSync(join(tmpdir(), 'pingyi-evidence-')));
}
