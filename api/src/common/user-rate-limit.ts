/** Buckets kept before idle (full) ones are forgotten. */
const MAX_BUCKETS = 10_000;

/**
 * A token bucket per signed-in user, in this process's memory: `perMinute` requests a minute, with
 * bursts of up to a minute's worth, refilled continuously. One Map lookup and a few arithmetic
 * operations per request, no I/O. Several API instances behind a load balancer each count on their
 * own: the limit a user meets is then up to `perMinute` times the number of instances.
 */
export class UserRateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes one request from the user's bucket: 0 when allowed, else the whole seconds until the next is. */
  take(userId: string): number {
    if (this.perMinute <= 0) return 0;
    const now = this.now();
    let bucket = this.buckets.get(userId);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.forgetFull(now);
      bucket = { tokens: this.perMinute, at: now };
      this.buckets.set(userId, bucket);
    } else {
      bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  /** Drops the buckets that have refilled: forgetting them changes nothing. */
  private forgetFull(now: number): void {
    for (const [userId, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(userId);
    }
  }
}
