/** Prints a new account's root AccessKey as the one JSON line scripts parse. */
import type { CreatedAccount } from '../service/create-account.js';
import type { CliIo } from './command.js';

/** `{"AccountId":…,"AccessKeyId":…,"AccessKeySecret":…}` on stdout; a reminder on stderr. */
export function printRootKey(created: CreatedAccount, io: CliIo): void {
  io.stdout(
    `${JSON.stringify({ AccountId: created.accountId, AccessKeyId: created.accessKeyId, AccessKeySecret: created.accessKeySecret })}\n`,
  );
  io.stderr('akm: this root AccessKey secret is shown only once; store it safely.\n');
}
