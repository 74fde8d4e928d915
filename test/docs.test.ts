// Keeps README.md in step with the code: every configuration key and every RAM and IAM error code is documented.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../src/config/config-schema.js';
import { ERROR_CODES } from '../src/domain/errors.js';
import { IAM_ERROR_TABLE } from '../src/protocol/aws-query/iam-error-table.js';
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

  it.each(ERROR_CODES.map((c) => [c]))('documents the IAM wire code for %s', (code) => {
    const context = { action: 'ListUsers', version: '2010-05-08' };
    expect(readme).toContain(`\`${IAM_ERROR_TABLE[code]({ field: 'someField' }, context).code}\``);
  });

  it('documents the IAM codes of missing actions and broken constraints', () => {
    const context = { action: 'ListUsers', version: '2010-05-08' };
    expect(readme).toContain(`\`${IAM_ERROR_TABLE.MISSING_PARAMETER({ field: 'action' }, context).code}\``);
    const constraint = { kind: 'enum', values: ['A'] } as const;
    const invalid = IAM_ERROR_TABLE.INVALID_VALUE({ field: 'status', value: 'B', constraint }, context);
    expect(readme).toContain(`\`${invalid.code}\``);
  });

  it('shows the two commands a new machine needs', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
});
