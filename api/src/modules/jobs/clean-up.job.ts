import type { EntityManager } from 'typeorm';
import { IDEMPOTENCY_KEY_TTL_HOURS } from '../idempotency/idempotency.service.js';

/** What one clean-up removed (counts only: nothing of what the rows held). */
export interface CleanUpResult {
  idempotencyKeys: number;
  loginSessions: number;
  /** Invitation and password-reset links used, revoked or past their expiry. */
  accountTokens: number;
}

/**
 * Deletes what no request can use any more: idempotency keys older than their 24 hours, and
 * sign-in sessions past their absolute expiry or idle for longer than their idle timeout (the
 * rules AuthService applies when it reads a cookie), invitation and reset links that can no longer
 * be used, and password-reset requests past the throttle's hour. Safe to run twice at once: each DELETE only
 * removes rows that are already dead.
 */
export async function cleanUp(manager: EntityManager): Promise<CleanUpResult> {
  const [, idempotencyKeys] = await manager.query(
    `DELETE FROM idempotency_keys WHERE created_at <= now() - make_interval(hours => $1)`,
    [IDEMPOTENCY_KEY_TTL_HOURS],
  ) as [unknown[], number];
  const [, loginSessions] = await manager.query(
    `DELETE FROM login_sessions
      WHERE expires_at < now() OR last_seen_at + make_interval(mins => idle_timeout_minutes) < now()`,
  ) as [unknown[], number];
  const [, accountTokens] = await manager.query(
    `DELETE FROM account_tokens WHERE used_at IS NOT NULL OR revoked_at IS NOT NULL OR expires_at < now()`,
  ) as [unknown[], number];
  // the throttle of password-reset requests looks one hour back
  await manager.query(`DELETE FROM password_reset_requests WHERE requested_at < now() - interval '1 hour'`);
  return { idempotencyKeys, loginSessions, accountTokens };
}
