// Output projection: only the fields a wire names, in its order and names, with its list items and placeholders.
import { describe, expect, it } from 'vitest';
import { listOf, OutputList } from './output.js';
import { field, projectOutput, type WireNaming } from './wire-shape.js';

const NAMING: WireNaming = { field: (n) => n.toUpperCase(), item: () => 'member' };
const OUTPUT = {
  user: { name: 'a', secret: 's', created: new Date(0) },
  keys: listOf('key', [{ id: 'k1', status: 'Active' }]),
  missing: null,
  flag: true,
};

describe('projectOutput', () => {
  it("renders every field under the naming's names for 'all'", () => {
    const projected = projectOutput(OUTPUT, 'all', NAMING);
    expect(Object.keys(projected)).toEqual(['USER', 'KEYS', 'MISSING', 'FLAG']);
    expect(projected.USER).toEqual({ NAME: 'a', SECRET: 's', CREATED: new Date(0) });
    expect(projected.KEYS).toEqual(new OutputList('member', [{ ID: 'k1', STATUS: 'Active' }]));
  });

  it('keeps only the named fields, in shape order, renamed, with nested shapes and item names', () => {
    const projected = projectOutput(
      OUTPUT,
      [
        'flag',
        field('keys', { as: 'Keys', item: 'entry', shape: [field('id', { as: 'Id' })] }),
        field('user', { shape: ['name'] }),
      ],
      NAMING,
    );
    expect(projected).toEqual({
      FLAG: true,
      Keys: new OutputList('entry', [{ Id: 'k1' }]),
      USER: { NAME: 'a' },
    });
  });

  it('writes a placeholder for an absent value when the rule has one', () => {
    expect(
      projectOutput(
        OUTPUT,
        [field('missing', { absent: 'N/A' }), field('nowhere', { absent: 'N/A' })],
        NAMING,
      ),
    ).toEqual({
      MISSING: 'N/A',
      NOWHERE: 'N/A',
    });
    expect(projectOutput(OUTPUT, ['missing'], NAMING)).toEqual({ MISSING: undefined });
  });
});
