/** Schema version checks every store runs on open, with the messages operators see. */
import { LATEST_SCHEMA_VERSION } from './migrations.js';

/** The database's schema does not match this build of akm (a start-up fault, not a domain error). */
export class SchemaVersionError extends Error {
  override readonly name = 'SchemaVersionError';

  constructor(
    message: string,
    /** The version found in the database (0 for an empty database). */
    readonly found: number,
    /** The version this build reads and writes. */
    readonly supported: number,
  ) {
    super(message);
  }
}

/** Throws when the database was written by a newer akm: migrations only ever go forward. */
export function assertSchemaNotNewer(version: number): void {
  if (version > LATEST_SCHEMA_VERSION) {
    throw new SchemaVersionError(
      `database schema version ${version} is newer than this akm supports (${LATEST_SCHEMA_VERSION}); upgrade akm`,
      version,
      LATEST_SCHEMA_VERSION,
    );
  }
}

/** Throws unless the database is exactly at the version this akm uses (for opening without migrating). */
export function assertSchemaCurrent(version: number): void {
  assertSchemaNotNewer(version);
  if (version < LATEST_SCHEMA_VERSION) {
    throw new SchemaVersionError(
      `database schema version ${version} is older than this akm requires (${LATEST_SCHEMA_VERSION}); run \`akm migrate\``,
      version,
      LATEST_SCHEMA_VERSION,
    );
  }
}
