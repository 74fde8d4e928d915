// Keeps README.md in step with the code: every configuration key and every fixed RAM error code is documented.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../src/config/config-schema.js';
import { ERROR_CODES } from '../src/domain/errors.js';
import { RAM_ERROR_TABLE } from '../src/protocol/ram-rpc/ram-error-table.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it.each(Object.values(CONFIG_KEYS).map((k) => [k.env]))('documents %s', (env) => {
    expect(readme).toContain(`\`${env}\``);
  });

  it.each(ERROR_CODES.map((c) => [c]))('documents the RAM wire code for %s', (code) => {
    // Templated codes (InvalidParameter.<Param>…, Missing<Param>) are documented by their pattern.
    const wire = RAM_ERROR_TABLE[code]({ field: 'someField' }).code.replace('SomeField', '<Param>');
    expect(readme).toContain(`\`${wire}\``);
  });

  it('shows the two commands a new machine needs', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
