// The master key check value opens with the key that sealed it and with nothing else.
import { describe, expect, it } from 'vitest';
import { KeyringSecretBox } from './keyring-secret-box.js';
import { fixedKeySource } from './master-key.js';
import { opensCheckValue, sealCheckValue } from './master-key-check.js';

const box = (fill: number) => new KeyringSecretBox(fixedKeySource(Buffer.alloc(32, fill)));

describe('master key check value', () => {
  it('opens with the sealing key only', () => {
    const check = sealCheckValue(box(1));
    expect(opensCheckValue(box(1), check)).toBe(true);
    expect(opensCheckValue(box(2), check)).toBe(false);
  });

  it('says no to a value that is not a check value at all', () => {
    expect(opensCheckValue(box(1), box(1).seal('something else', 'master_key_check'))).toBe(false);
    expect(opensCheckValue(box(1), box(1).seal('akm master key check', 'LTAI1'))).toBe(false);
    expect(opensCheckValue(box(1), 'garbage')).toBe(false);
  });
});
