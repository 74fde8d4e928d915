// The catalogue: unique names, and every state-changing operation names what it acts on for the audit log.
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from './catalog.js';

describe('OPERATIONS', () => {
  it('has unique names', () => {
    const names = OPERATIONS.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(OPERATIONS.filter((o) => o.permission.level === 'write').map((o) => [o.name, o]))(
    '%s (a write) declares its audit target',
    (_, operation) => {
      expect(operation.auditTarget).toBeTypeOf('function');
    },
  );
});
