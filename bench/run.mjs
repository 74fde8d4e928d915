// `npm run bench`: akm next to a bare node:http server under the same load tool (autocannon) and connection
// count, on SQLite (and PostgreSQL when AKM_BENCH_DATABASE_URL is set), at 1 thousand and 1 million keys
// (`--quick`: 1 thousand and 20 thousand, fewer and shorter rounds). Every request is signed inside
// autocannon's request hook, so each carries a fresh nonce. `--profile` also records one CPU profile of the
// server per akm case and prints their top self-time functions; `--profile-only` does only that.
// Prints a Markdown table and writes JSON with machine details to bench/results/.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { encodeQuery, signAcsV1Params, signAcsV3Request } from '../dist/signing/client-sign.js';
import { withFallbackUser } from '../dist/storage/postgres/postgres-pool.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AKM = join(ROOT, 'bin', 'akm.js');
const QUICK = process.argv.includes('--quick');
/** The SHA-256 of an empty body. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const PROFILE_ONLY = process.argv.includes('--profile-only');
const PROFILE = PROFILE_ONLY || process.argv.includes('--profile');
const CONNECTIONS = 16;
const ROUNDS = QUICK ? 1 : 3;
const SECONDS = QUICK ? 3 : 8;
const WARMUP_SECONDS = QUICK ? 1 : 3;
const SIZES = QUICK ? [1_000, 20_000] : [1_000, 1_000_000];
// Each create/delete cycle borrows a user no other connection is cycling on (a user holds at most two
// keys) and gives it back after the delete. A cycle cut off by the end of a load run never gives its
// user back (it may hold the key created), so there are enough users for every run to lose one per
// connection.
const CYCLE_USERS = CONNECTIONS * (ROUNDS + 3);

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** @param {number} pid */
function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Runs `akm <args>` to completion and returns stdout. */
function akm(args, env) {
  return execFileSync(process.execPath, [AKM, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

/** Starts a server process and resolves with its URL once it logs one, plus how long that took. */
function startProcess(args, env, pattern) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const match = pattern.exec(out);
      if (match)
        resolve({ child, url: match[1], startupMs: Number(process.hrtime.bigint() - started) / 1e6 });
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

async function stopProcess(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** One autocannon run; returns req/s and latency percentiles. */
async function load(url, requests, seconds) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Warm-up, then ROUNDS measured runs; medians. */
async function measure(url, requests, pid) {
  await load(url, requests, WARMUP_SECONDS);
  const rounds = [];
  for (let i = 0; i < ROUNDS; i += 1) rounds.push(await load(url, requests, SECONDS));
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    non2xx: rounds.reduce((n, r) => n + r.non2xx + r.errors, 0),
    rssMiB: pid ? rssMiB(pid) : undefined,
  };
}

/** ACS3 headers of a RAM call by `root` to `host` (a fresh nonce and time each call). */
function signAsRoot(root, host, action, query, extra = {}) {
  return signAcsV3Request({
    method: 'POST',
    host,
    query,
    action,
    version: '2015-05-01',
    accessKeyId: root.AccessKeyId,
    secret: root.AccessKeySecret,
    ...extra,
  });
}

/** The request hooks of each akm case, signing in the load loop (fresh nonce and time per request). */
function akmCases(endpoint, root) {
  const v3 = (action, query) => ({
    method: 'POST',
    setupRequest: (req) => {
      const headers = signAsRoot(root, endpoint, action, query);
      const qs = encodeQuery(query);
      return { ...req, method: 'POST', path: qs ? `/?${qs}` : '/', headers };
    },
  });
  // autocannon gives each pass through a request list a fresh context: the cycle's user and key live there.
  const freeUsers = Array.from({ length: CYCLE_USERS }, (_, i) => `bench-cycle-${i}`);
  return [
    { name: 'V3 ListAccessKeys', requests: [v3('ListAccessKeys', {})] },
    {
      name: 'V1 GetAccessKeyLastUsed',
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => {
            const params = signAcsV1Params({
              method: 'GET',
              params: {
                Action: 'GetAccessKeyLastUsed',
                Version: '2015-05-01',
                UserAccessKeyId: root.AccessKeyId,
              },
              accessKeyId: root.AccessKeyId,
              secret: root.AccessKeySecret,
            });
            return { ...req, method: 'GET', path: `/?${encodeQuery(params)}`, headers: { host: endpoint } };
          },
        },
      ],
    },
    {
      // Create a key for a borrowed user, then delete that key.
      name: 'CreateAccessKey+DeleteAccessKey',
      requests: [
        {
          setupRequest: (req, context) => {
            context.user = freeUsers.pop();
            return v3('CreateAccessKey', { UserName: context.user }).setupRequest(req);
          },
          onResponse: (status, body, context) => {
            context.keyId = status === 200 ? JSON.parse(body).AccessKey.AccessKeyId : undefined;
          },
        },
        {
          setupRequest: (req, context) => {
            const query = { UserName: context.user, UserAccessKeyId: context.keyId ?? 'none' };
            return v3('DeleteAccessKey', query).setupRequest(req);
          },
          onResponse: (_status, _body, context) => {
            freeUsers.unshift(context.user);
          },
        },
      ],
      // Each iteration is two requests; report cycles.
      perCycle: 2,
    },
    {
      // A service forwards a freshly V3-signed request of its client to /v1/verify (as akm/verify does),
      // signing the verify call itself with its own key (here the root's).
      name: 'Verify (V3-signed request, /v1/verify)',
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const verified = signAsRoot(root, 'bench.service', 'Greet', {});
            const body = JSON.stringify({
              method: 'POST',
              host: 'bench.service',
              path: '/',
              headers: verified,
              bodySha256: EMPTY_SHA256,
            });
            const headers = signAsRoot(
              root,
              endpoint,
              'VerifyRequestSignature',
              { Service: 'bench' },
              {
                pathname: '/v1/verify',
                body,
                contentType: 'application/json',
              },
            );
            return { ...req, method: 'POST', path: '/v1/verify?Service=bench', headers, body };
          },
        },
      ],
    },
  ];
}

/** Creates the users of the create/delete cycle (idempotent: an existing user is left as it is). */
async function createCycleUsers(url, endpoint, root) {
  for (let i = 0; i < CYCLE_USERS; i += 1) {
    const headers = signAsRoot(root, endpoint, 'CreateUser', { UserName: `bench-cycle-${i}` });
    await fetch(`${url}/?UserName=bench-cycle-${i}`, { method: 'POST', headers });
  }
}

/** Runs `work` with a client of the bench's PostgreSQL database. */
async function inSchema(schema, work) {
  // The user akm itself would connect as (the URL's, PGUSER, USER, else the OS account).
  const client = new pg.Client({ connectionString: withFallbackUser(process.env.AKM_BENCH_DATABASE_URL) });
  await client.connect();
  try {
    await work(client, schema);
  } finally {
    await client.end();
  }
}

/** VACUUM ANALYZE of every table in `schema`. */
async function vacuumAnalyze(client, schema) {
  const { rows } = await client.query('SELECT tablename FROM pg_tables WHERE schemaname = $1', [schema]);
  for (const { tablename } of rows) await client.query(`VACUUM ANALYZE "${schema}"."${tablename}"`);
}

/** Seeds, starts and measures akm for one store and size. */
async function benchAkm(store, size, bareRps) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'akm-bench-')), 'data');
  const env =
    store === 'postgres'
      ? {
          AKM_DATABASE_URL: process.env.AKM_BENCH_DATABASE_URL,
          AKM_DATABASE_SCHEMA: `akm_bench_${randomBytes(6).toString('hex')}`,
          AKM_DATA_DIR: dataDir,
        }
      : { AKM_DATA_DIR: dataDir };
  const root = JSON.parse(akm(['init'], env));
  const seed = JSON.parse(akm(['dev', 'seed', '--keys', String(size)], env));
  // As after any bulk load: otherwise autovacuum works through the fresh rows during the measurement.
  if (store === 'postgres') await inSchema(env.AKM_DATABASE_SCHEMA, vacuumAnalyze);
  const serve = [AKM, 'serve', '--port', '0', '--log-level', 'warn'];
  const server = await startProcess(serve, env, /akm: listening on (\S+)/);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const idleRssMiB = rssMiB(server.child.pid);
  const endpoint = server.url.replace(/^https?:\/\//, '');
  await createCycleUsers(server.url, endpoint, root);
  const rows = [];
  for (const c of akmCases(endpoint, root)) {
    const m = await measure(server.url, c.requests, server.child.pid);
    const rps = m.rps / (c.perCycle ?? 1);
    rows.push({ store, keys: size, case: c.name, ...m, rps, ratio: rps / bareRps });
  }
  await stopProcess(server.child);
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
  if (store === 'postgres') {
    await inSchema(env.AKM_DATABASE_SCHEMA, (client, schema) =>
      client.query(`DROP SCHEMA "${schema}" CASCADE`),
    );
  }
  return {
    rows,
    startup: { store, keys: size, startupMs: server.startupMs, idleRssMiB, seedSeconds: seed.seconds },
  };
}

/** The top self-time functions of a `.cpuprofile`. */
function topSelfTime(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
    total += dt[i] ?? 0;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([fn, us]) => ({ function: fn, selfPercent: Math.round((us / total) * 1000) / 10 }));
}

/**
 * Records one CPU profile of the server per akm case (SQLite, 1 thousand keys) and returns each case's
 * top self-time functions. The profiles stay in bench/results/profile/ for a closer look.
 */
async function profileAkm() {
  const profDir = join(ROOT, 'bench', 'results', 'profile');
  rmSync(profDir, { recursive: true, force: true });
  mkdirSync(profDir, { recursive: true });
  const dataDir = join(mkdtempSync(join(tmpdir(), 'akm-prof-')), 'data');
  const env = { AKM_DATA_DIR: dataDir };
  const root = JSON.parse(akm(['init'], env));
  akm(['dev', 'seed', '--keys', '1000'], env);
  const profiles = [];
  const count = akmCases('', root).length;
  for (let index = 0; index < count; index += 1) {
    const caseDir = join(profDir, String(index));
    const args = [
      '--cpu-prof',
      `--cpu-prof-dir=${caseDir}`,
      AKM,
      'serve',
      '--port',
      '0',
      '--log-level',
      'warn',
    ];
    const server = await startProcess(args, env, /akm: listening on (\S+)/);
    const endpoint = server.url.replace(/^https?:\/\//, '');
    await createCycleUsers(server.url, endpoint, root);
    const c = akmCases(endpoint, root)[index];
    await load(server.url, c.requests, SECONDS);
    await stopProcess(server.child);
    const file = readdirSync(caseDir).find((f) => f.endsWith('.cpuprofile'));
    profiles.push({ case: c.name, top: topSelfTime(join(caseDir, file)) });
  }
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
  return profiles;
}

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Prints each case's top self-time functions as Markdown tables. */
function profileLines(profile) {
  const lines = [];
  for (const p of profile) {
    lines.push('', `| top self time: ${p.case} | % |`, '| --- | ---: |');
    for (const f of p.top) lines.push(`| \`${f.function}\` | ${f.selfPercent} |`);
  }
  return lines;
}

async function main() {
  if (PROFILE_ONLY) {
    process.stdout.write(`${profileLines(await profileAkm()).join('\n')}\n`);
    return;
  }
  const bare = await startProcess([join(ROOT, 'bench', 'bare-server.mjs')], {}, /listening on (\S+)/);
  // The limit is measured under the same load as akm: the same signed V3 requests, signed in the load
  // loop, so the load generator's own signing cost (on the same two cores) weighs on both sides alike.
  const bareEndpoint = bare.url.replace(/^https?:\/\//, '');
  const [signedRead] = akmCases(bareEndpoint, {
    AccessKeyId: `LTAI${'0'.repeat(20)}`,
    AccessKeySecret: '0'.repeat(30),
  });
  const bareResult = await measure(bare.url, signedRead.requests, bare.child.pid);
  await stopProcess(bare.child);
  const rows = [
    { store: '-', keys: 0, case: 'bare node:http "ok" (same signed requests)', ...bareResult, ratio: 1 },
  ];
  const startups = [];
  const stores = ['sqlite', ...(process.env.AKM_BENCH_DATABASE_URL ? ['postgres'] : [])];
  for (const store of stores) {
    for (const size of SIZES) {
      process.stderr.write(`bench: ${store}, ${size} keys…\n`);
      const result = await benchAkm(store, size, bareResult.rps);
      rows.push(...result.rows);
      startups.push(result.startup);
    }
  }
  const profile = PROFILE ? await profileAkm() : undefined;

  const fmt = (n, d = 0) => (n === undefined ? '' : n.toFixed(d));
  const lines = [
    `| store | keys | case | req/s | p50 ms | p99 ms | × bare | server RSS MiB | errors |`,
    `| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...rows.map(
      (r) =>
        `| ${r.store} | ${r.keys.toLocaleString('en')} | ${r.case} | ${fmt(r.rps)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.ratio * 100)} % | ${fmt(r.rssMiB)} | ${r.non2xx} |`,
    ),
    '',
    `| store | keys | seed s | start-up ms | idle RSS MiB |`,
    `| --- | ---: | ---: | ---: | ---: |`,
    ...startups.map(
      (s) =>
        `| ${s.store} | ${s.keys.toLocaleString('en')} | ${s.seedSeconds} | ${fmt(s.startupMs)} | ${fmt(s.idleRssMiB)} |`,
    ),
  ];
  lines.push(...profileLines(profile ?? []));
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: release(),
    commit: commit(),
  };
  const settings = {
    quick: QUICK,
    connections: CONNECTIONS,
    rounds: ROUNDS,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
  };
  process.stdout.write(
    `${lines.join('\n')}\n\n${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, commit ${machine.commit}; ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s after ${WARMUP_SECONDS} s warm-up (medians).\n`,
  );
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  writeFileSync(
    join(dir, `${stamp}.json`),
    `${JSON.stringify({ machine, settings, rows, startups, profile }, null, 2)}\n`,
  );
}

await main();
