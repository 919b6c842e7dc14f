import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SIGN_IN_DELAYS_SECONDS, SIGN_IN_FAILURES_FORGOTTEN_AFTER_MINUTES } from '@attune/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { verifyPassword } from './passwords.js';
import { RetryLaterException } from '../../common/retry-later.js';

/** What a reserved attempt knows: its key, and whether an unknown address's failure is due an audit row (one a minute). */
export interface SignInAttempt {
  subject: string;
  auditDue: boolean;
}

/** The key of an address in sign_in_failures: the SHA-256 of the trimmed, lower-cased address (the address itself is never stored). */
export function signInSubject(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/** A failed attempt's count starts again after this long without one. */
const FORGET = `make_interval(mins => ${SIGN_IN_FAILURES_FORGOTTEN_AFTER_MINUTES})`;
const NEXT_COUNT = `CASE WHEN f.last_failed_at <= clock_timestamp() - ${FORGET} THEN 1 ELSE f.failures + 1 END`;
/** 1 in this many reservations also removes the counts nobody has added to for an hour. */
const SWEEP_EVERY = 200;

/**
 * Progressive delays between failed sign-ins (libs' signInDelaySeconds), counted in PostgreSQL per
 * address, known or not. An attempt is reserved, counted as a failure, by one atomic statement
 * before its password is checked: of any number of simultaneous attempts, only those the delays
 * allow are checked, and the rest are refused with 429 and Retry-After. The right password (and
 * code) clears the count once its attempt is allowed through; so does an admin's unlock.
 */
@Injectable()
export class SignInThrottle {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly audit: AuditService) {}

  /** Reserves one attempt for the address, or refuses with 429 and the seconds left to wait. */
  async reserve(email: string): Promise<SignInAttempt> {
    const subject = signInSubject(email);
    // clock_timestamp(), not now(): a statement that waited for a concurrent one's row lock compares
    // against the time it got the lock, after that attempt's delay was written.
    const rows: Array<{ failures: number | null; audit_due: boolean | null; wait_seconds: string | null }> = await this.dataSource.query(
      `WITH reserved AS (
         INSERT INTO sign_in_failures AS f (subject, failures, last_failed_at, next_attempt_at, audited_at)
         VALUES ($1, 1, clock_timestamp(), clock_timestamp() + make_interval(secs => ($2::int[])[1]), now())
         ON CONFLICT (subject) DO UPDATE SET
           failures = ${NEXT_COUNT},
           last_failed_at = clock_timestamp(),
           next_attempt_at = clock_timestamp() + make_interval(secs => ($2::int[])[LEAST(${NEXT_COUNT}, cardinality($2::int[]))]),
           audited_at = CASE WHEN f.audited_at IS NULL OR f.audited_at <= now() - interval '1 minute' THEN now() ELSE f.audited_at END
         WHERE f.next_attempt_at <= clock_timestamp()
         RETURNING f.failures, f.audited_at = now() AS audit_due
       )
       SELECT r.failures, r.audit_due,
              (SELECT extract(epoch FROM s.next_attempt_at - clock_timestamp()) FROM sign_in_failures s WHERE s.subject = $1) AS wait_seconds
         FROM (SELECT 1) AS one LEFT JOIN reserved r ON true`,
      [subject, SIGN_IN_DELAYS_SECONDS],
    );
    const row = rows[0];
    if (Math.random() * SWEEP_EVERY < 1) await this.sweep();
    if (!row || row.failures === null) {
      const seconds = Math.max(1, Math.ceil(Number(row?.wait_seconds ?? 1)));
      throw new RetryLaterException(429, `Too many failed sign-ins. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`, 'SIGN_IN_DELAYED', seconds);
    }
    return { subject, auditDue: Boolean(row.audit_due) };
  }

  /** Forgets the address's failures: the right password and code got through, or an admin unlocked the account. */
  async clear(manager: EntityManager, email: string): Promise<boolean> {
    const [, deleted] = (await manager.query(`DELETE FROM sign_in_failures WHERE subject = $1`, [signInSubject(email)])) as [unknown, number];
    return deleted > 0;
  }

  /** A checked attempt on an account that failed: its reservation stays counted; the audit trail says whose account it was. */
  async recordFailure(user: { id: string; practiceId: string }): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, { action: 'login_failed', entity: 'users', entityId: user.id, actor: { userId: user.id, practiceId: user.practiceId } }));
  }

  /**
   * Checks the signed-in person's own password (changing it, turning two-step sign-in on or off):
   * reserved like a sign-in; a wrong one stays counted and is audited, the right one clears the count.
   */
  async checkOwnPassword(actor: Pick<Actor, 'userId' | 'practiceId' | 'email'>, password: string, passwordHash: string): Promise<boolean> {
    await this.reserve(actor.email);
    if (!(await verifyPassword(passwordHash, password))) {
      await this.recordFailure({ id: actor.userId, practiceId: actor.practiceId });
      return false;
    }
    await this.clear(this.dataSource.manager, actor.email);
    return true;
  }

  private async sweep(): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_failures WHERE last_failed_at <= clock_timestamp() - ${FORGET} AND next_attempt_at <= clock_timestamp()`);
  }
}
