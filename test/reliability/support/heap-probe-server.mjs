// A built akm server in a child process started with --expose-gc: it reports its port once listening
// and answers each 'heap' message with the heap used after a full collection. Run by abuse.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../dist/config/load-config.js';
import { SILENT_LOGGER } from '../../../dist/logging/json-logger.js';
import { initDataDir, startServer } from '../../../dist/main.js';

const dataDir = join(mkdtempSync(join(tmpdir(), 'akm-heap-')), 'data');
const config = loadConfig({ 'data-dir': dataDir, host: '127.0.0.1', port: '0' }, process.env);
await initDataDir(config, SILENT_LOGGER);
const running = await startServer(config, SILENT_LOGGER);
process.on('message', (message) => {
  if (message === 'heap') {
    globalThis.gc?.();
    globalThis.gc?.();
    process.send?.({ heapUsed: process.memoryUsage().heapUsed });
  } else if (message === 'stop') {
    void running.stop().then(() => process.exit(0));
  }
});
process.send?.({ url: running.url });
