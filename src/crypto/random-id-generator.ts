/** CSPRNG-backed identifiers: account and user ids, AccessKey ids and secrets, request ids. */
import { randomInt, randomUUID } from 'node:crypto';
import type { IdGenerator } from '../domain/ports.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';

/** `length` characters drawn uniformly from `alphabet` (randomInt avoids modulo bias). */
export function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A numeric id with no leading zero, as Alibaba Cloud UIDs look. */
function numericId(length: number): string {
  return String(randomInt(1, 10)) + randomString(DIGITS, length - 1);
}

/** The production id generator: `LTAI` + 20 alphanumerics, 30-alphanumeric secrets, 16-digit ids. */
export class RandomIdGenerator implements IdGenerator {
  accountId(): string {
    return numericId(16);
  }

  userId(): string {
    return numericId(16);
  }

  accessKeyId(): string {
    return `LTAI${randomString(ALPHANUMERIC, 20)}`;
  }

  accessKeySecret(): string {
    return randomString(ALPHANUMERIC, 30);
  }

  requestId(): string {
    return randomUUID().toUpperCase();
  }
}
