/**
 * Traffic for the backup and rotation suites: authenticating keys with the official pop-core client
 * (GetCallerIdentity, which every valid key may call) and a create/authenticate/delete churn that runs
 * until stopped, recording when each key was acknowledged and when its deletion was sent and answered.
 */
import { performance } from 'node:perf_hooks';
import { present, type RamApi } from '../support/acceptance-helpers.js';
import { prop } from '../support/e2e-ram-callers.js';
import { type Credentials, popClient, Ram } from '../support/ram-clients.js';

/** `ok`, or `<status> <code>` of the refusal. */
export type AuthOutcome = string;

/** Authenticates `key` against the server at `url` with a signed GetCallerIdentity. */
export async function authenticate(url: string, key: Credentials): Promise<AuthOutcome> {
  try {
    const body: unknown = await popClient(url, key).request('GetCallerIdentity', {}, { method: 'POST' });
    return prop(body, 'AccessKeyId') === key.accessKeyId ? 'ok' : `wrong identity ${JSON.stringify(body)}`;
  } catch (error) {
    const status = prop(error, 'statusCode') ?? prop(prop(prop(error, 'entry'), 'response'), 'statusCode');
    return `${String(status)} ${String(prop(error, 'code') ?? error)}`;
  }
}

/** Each key's outcome, keyed by AccessKeyId, for the keys that did not authenticate. */
export async function failures(
  url: string,
  keys: readonly Credentials[],
): Promise<Record<string, AuthOutcome>> {
  const out: Record<string, AuthOutcome> = {};
  const outcomes = await Promise.all(keys.map((key) => authenticate(url, key)));
  keys.forEach((key, i) => {
    if (outcomes[i] !== 'ok') out[key.accessKeyId] = outcomes[i] ?? 'missing';
  });
  return out;
}

/** One key of the churn and the moments (performance.now) of its life. */
export interface ChurnedKey {
  readonly key: Credentials;
  readonly createdAt: number;
  deleteSentAt?: number;
  deletedAt?: number;
}

/** Creates a key for `userName` through the root client. */
export async function createUserKey(root: RamApi, userName: string): Promise<Credentials> {
  const response = await root.createAccessKey(new Ram.CreateAccessKeyRequest({ userName }));
  const key = present(response.body?.accessKey, 'AccessKey');
  return {
    accessKeyId: present(key.accessKeyId, 'AccessKeyId'),
    accessKeySecret: present(key.accessKeySecret, 'AccessKeySecret'),
  };
}

/**
 * Churn over `userNames` (one worker each, users with no keys yet): create a key, authenticate with the
 * user's live keys and with one of `alsoCheck`, then delete the new key if the user holds two; repeat
 * until `stop()`. Each user's first key thus lives on while its second slot churns. Every operation's
 * failure is recorded, none is retried.
 */
export class KeyChurn {
  readonly keys: ChurnedKey[] = [];
  readonly errors: string[] = [];
  /** Authentications that succeeded, to show the churn really ran. */
  authenticated = 0;
  #running = true;
  readonly #done: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly root: RamApi,
    userNames: readonly string[],
    private readonly alsoCheck: readonly Credentials[] = [],
  ) {
    this.#done = Promise.all(userNames.map((name, i) => this.#work(name, i))).then(() => undefined);
  }

  /** Keys created and not deleted. */
  live(): Credentials[] {
    return this.keys.filter((k) => k.deleteSentAt === undefined).map((k) => k.key);
  }

  /** Stops after the current round of every worker. */
  async stop(): Promise<void> {
    this.#running = false;
    await this.#done;
  }

  async #work(userName: string, offset: number): Promise<void> {
    const mine: ChurnedKey[] = [];
    for (let round = offset; this.#running; round += 1) {
      await this.#step(`create ${userName}`, async () => {
        const entry = { key: await createUserKey(this.root, userName), createdAt: performance.now() };
        mine.push(entry);
        this.keys.push(entry);
      });
      const stable = this.alsoCheck.length > 0 ? [this.alsoCheck[round % this.alsoCheck.length]] : [];
      for (const key of [...mine.map((k) => k.key), ...stable]) {
        if (key === undefined) continue;
        const outcome = await authenticate(this.url, key);
        if (outcome === 'ok') this.authenticated += 1;
        else this.errors.push(`authenticate ${key.accessKeyId}: ${outcome}`);
      }
      const newest = mine.length === 2 ? mine.pop() : undefined;
      if (newest) await this.#delete(userName, newest);
    }
  }

  async #delete(userName: string, entry: ChurnedKey): Promise<void> {
    entry.deleteSentAt = performance.now();
    await this.#step(`delete ${entry.key.accessKeyId}`, async () => {
      await this.root.deleteAccessKey(
        new Ram.DeleteAccessKeyRequest({ userName, userAccessKeyId: entry.key.accessKeyId }),
      );
      entry.deletedAt = performance.now();
    });
  }

  async #step(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.errors.push(`${what}: ${String(prop(error, 'code') ?? error)}`);
    }
  }
}
