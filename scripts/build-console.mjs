// Builds the web console into dist/console: compiles src/console for the browser (its own tsconfig),
// adds the static files, and moves everything into assets/<content hash>/ so that assets can be cached
// for a year while index.html (rewritten to point at that folder) is revalidated on every load.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/console');
const out = join(root, 'dist/console');
const staging = join(out, '.build');

rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(source, 'tsconfig.json')], {
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
cpSync(join(source, 'static'), staging, { recursive: true });

const files = readdirSync(staging, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name))
  .sort();
const hash = createHash('sha256');
for (const file of files) hash.update(file.slice(staging.length)).update('\0').update(readFileSync(file));
const version = hash.digest('hex').slice(0, 12);

mkdirSync(join(out, 'assets'));
renameSync(staging, join(out, 'assets', version));
const index = readFileSync(join(source, 'index.html'), 'utf8').replaceAll(
  '%ASSETS%',
  `/console/assets/${version}`,
);
writeFileSync(join(out, 'index.html'), index);
console.log(`console built: dist/console (assets/${version}, ${files.length} files)`);
