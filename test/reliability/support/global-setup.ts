/** Starts each reliability run with an empty evidence folder. */
import { mkdirSync, rmSync } from 'node:fs';
import { EVIDENCE_DIR } from './evidence.js';

/** Vitest global setup. */
export default function setup(): void {
  rmSync(EVIDENCE_DIR, { recursive: true, force: true });
  mkdirSync(EVIDENCE_DIR, { recursive: true });
}
