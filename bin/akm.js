#!/usr/bin/env node
// The `akm` command: runs the compiled CLI (built by `npm run build`, which `npm install`/`npm ci` run via `prepare`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('akm: not built yet; run `npm run build` (npm install does it for you)\n');
  process.exit(1);
}
await import(entry.href);
