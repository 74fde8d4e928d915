/** CSPRNG-backed identifiers: account and user ids, AccessKey ids and secrets, request ids. */
import { randomInt, randomUUID } from 'node:crypto';
import type { AccessKeyFormat } from '../domain/entities.js';
import { BASE32_ALPHABET } from '../domain/iam-identifiers.js';
import type { IdGenerator } from '../domain/ports.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** AWS secrets may hold `+` and `/` besides alphanumerics. */
const AWS_SECRET_ALPHABET = `${ALPHANUMERIC}+/`;
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

/**
 * The production id generator: 16-digit ids; RAM keys `LTAI` + 20 alphanumerics with 30-alphanumeric
 * secrets, AWS keys `AKIA` + 16 base32 characters with 40-character secrets from `[A-Za-z0-9+/]`.
 */
export class RandomIdGenerator implements IdGenerator {
  accountId(): string {
    return numericId(16);
  }

  userId(): string {
    return numericId(16);
  }

  accessKeyId(format: AccessKeyFormat = 'ram'): string {
    return format === 'aws'
      ? `AKIA${randomString(BASE32_ALPHABET, 16)}`
      : `LTAI${randomString(ALPHANUMERIC, 20)}`;
  }

  accessKeySecret(format: AccessKeyFormat = 'ram'): string {
    return format === 'aws' ? randomString(AWS_SECRET_ALPHABET, 40) : randomString(ALPHANUMERIC, 30);
  }

  requestId(): string {
    return randomUUID().toUpperCase();
  }
}
