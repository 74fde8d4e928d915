/** The migration set: ordered, contiguous, and free of SQL that only one dialect understands. */
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.js';

// Each would run on SQLite but not PostgreSQL, or the other way round.
const DIALECT_ONLY = [
  /AUTOINCREMENT/i,
  /\bSERIAL\b/i,
  /BIGSERIAL/i,
  /WITHOUT\s+ROWID/i,
  /\bSTRICT\b/i,
  /INSERT\s+OR\b/i,
  /\bPRAGMA\b/i,
  /\bIDENTITY\b/i,
  /\bDATETIME\b/i,
  /\bTIMESTAMPTZ?\b/i,
  /\bBOOLEAN\b/i,
  /\bJSONB?\b/i,
];

describe('MIGRATIONS', () => {
  it('numbers versions 1, 2, 3 … without gaps and ends at LATEST_SCHEMA_VERSION', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('has unique names and at least one statement per migration', () => {
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(m.statements.length).toBeGreaterThan(0);
  });

  it('uses only portable SQL', () => {
    const statements = MIGRATIONS.flatMap((m) => m.statements);
    for (const pattern of DIALECT_ONLY) {
      expect(
        statements.filter((s) => pattern.test(s)),
        String(pattern),
      ).toEqual([]);
    }
  });
});
