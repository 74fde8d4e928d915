// Builds the web console into dist/console: compiles src/console for the browser (its own tsconfig),
// adds the static files, and moves everything into assets/<content hash>/ so that assets can be cached
// for a year while index.html (rewritten to point at that folder) is revalidated on every load.
// A running server never sees a half-built console: the new assets land in a folder of their own before
// index.html is replaced in one rename, and only then are older asset folders removed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/console');
const out = join(root, 'dist/console');
const assets = join(out, 'assets');
// Per process, so that two builds at once (two developers in one tree) cannot mix their files.
const staging = join(out, `.build-${process.pid}`);

rmSync(staging, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(
  process.execPath,
  [tsc, '-p', join(source, 'tsconfig.json'), '--outDir', staging],
  {
    stdio: 'inherit',
  },
);
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
cpSync(join(source, 'static'), staging, { recursive: true });

const files = readdirSync(staging, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name))
  .sort();
const hash = createHash('sha256');
for (const file of files) hash.update(file.slice(staging.length)).update('\0').update(readFileSync(file));
const version = hash.digest('hex').slice(0, 12);

mkdirSync(assets, { recursive: true });
const target = join(assets, version);
try {
  renameSync(staging, target);
} catch (error) {
  // The same version is the same content (another build got there first): keep that folder.
  if (!existsSync(target)) throw error;
  rmSync(staging, { recursive: true, force: true });
}

const index = readFileSync(join(source, 'index.html'), 'utf8').replaceAll(
  '%ASSETS%',
  `/console/assets/${version}`,
);
const indexTemp = join(out, `.index-${process.pid}.html`);
writeFileSync(indexTemp, index);
renameSync(indexTemp, join(out, 'index.html'));

for (const old of readdirSync(assets))
  if (old !== version) rmSync(join(assets, old), { recursive: true, force: true });
console.log(`console built: dist/console (assets/${version}, ${files.length} files)`);
