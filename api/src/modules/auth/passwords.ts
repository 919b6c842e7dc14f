import argon2 from 'argon2';
import { RetryLaterException } from '../../common/retry-later.js';

/** argon2id at OWASP's recommended minimum or stronger: 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * argon2 runs on libuv's thread pool (4 threads), the pool that also reads the web app's files:
 * a flood of sign-ins used to fill it and a page took 12 s to load. At most HASHES_AT_ONCE hashes
 * run together; up to HASH_QUEUE_LIMIT more wait their turn, and beyond that the request is
 * refused with 503 and Retry-After rather than queued without end.
 */
export const HASHES_AT_ONCE = 2;
export const HASH_QUEUE_LIMIT = 64;

class HashSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number, private readonly queueLimit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.queueLimit) {
        throw new RetryLaterException(503, 'The server is busy checking passwords. Try again in a moment.', 'BUSY', 1);
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      // the slot passes straight to the next one waiting, or is freed
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

const slots = new HashSlots(HASHES_AT_ONCE, HASH_QUEUE_LIMIT);

/** Any argon2 work (passwords, recovery codes) goes through here, so the bound holds for all of it. */
export function boundedArgon2<T>(work: () => Promise<T>): Promise<T> {
  return slots.run(work);
}

export function hashPassword(password: string): Promise<string> {
  return boundedArgon2(() => argon2.hash(password, ARGON2_OPTIONS));
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  return boundedArgon2(async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}

/** Verified against when the email is unknown, so both failures take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('attune-no-such-account');
  return dummyHash;
}
