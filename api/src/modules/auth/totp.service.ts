import { randomInt } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isStaffRole } from '@attune/domain';
import argon2 from 'argon2';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { DataSource, type EntityManager } from 'typeorm';
import { badRequest, conflict } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { loadEncryptionKey, SecretBox } from '../../common/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import type { User } from '../users/user.entity.js';
import { boundedArgon2 } from './passwords.js';
import { SignInThrottle } from './sign-in-throttle.service.js';

export const TOTP_ISSUER = 'Attune';
export const RECOVERY_CODE_COUNT = 10;
/** One step either side of now (30 s each): a phone clock a little off still works. */
const TOTP_TOLERANCE_SECONDS = 30;
/** Recovery codes: 10 characters of a 32-letter alphabet without look-alikes (50 bits), shown as xxxxx-xxxxx. */
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const RECOVERY_CODE = /^[0-9a-z]{5}-?[0-9a-z]{5}$/i;
const SIX_DIGITS = /^\d{6}$/;
/** Recovery codes are hashed with argon2id at a lighter cost than passwords: 50 random bits need no more. */
const RECOVERY_HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 4_096, timeCost: 2, parallelism: 1 } as const;

export interface TotpEnrolment {
  /** otpauth:// URL for an authenticator app. */
  otpauthUrl: string;
  /** The same URL as a QR code: a PNG data URL. */
  qrCode: string;
  /** The secret, for typing into an app by hand; shown only until the enrolment is confirmed. */
  secret: string;
}

export interface TotpStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
}

interface TotpRow {
  id: string;
  role: Actor['role'];
  email: string;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: boolean;
  totp_last_step: string | null;
  totp_recovery_hashes: string[];
  totp_required_for_staff: boolean;
}

/**
 * Second factor: time-based one-time codes (RFC 6238, 6 digits, 30 s, SHA-1 as every
 * authenticator app expects) and ten single-use recovery codes. The secret is sealed with
 * AES-256-GCM at rest and is never shown again once enrolment is confirmed. A code is accepted
 * once: the step it belongs to is stored, and a code of that step or an earlier one is refused.
 */
@Injectable()
export class TotpService {
  private box: SecretBox | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly throttle: SignInThrottle,
  ) {}

  private secretBox(): SecretBox {
    this.box ??= new SecretBox(loadEncryptionKey(this.config.encryptionKey, this.config.dataDir));
    return this.box;
  }

  async status(userId: string): Promise<TotpStatus> {
    const row = await this.row(userId);
    return { enabled: row.totp_enabled, recoveryCodesLeft: row.totp_enabled ? row.totp_recovery_hashes.length : 0 };
  }

  /** Starts (or restarts) an enrolment: a new secret, pending until a code from it is confirmed. */
  async startEnrolment(actor: Actor): Promise<TotpEnrolment> {
    const row = await this.row(actor.userId);
    if (row.totp_enabled) throw conflict('Two-step sign-in is already on; turn it off first to enrol a new device');
    const secret = generateSecret({ length: 20 });
    const sealed = this.secretBox().seal(secret, actor.userId);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE users SET totp_secret = $2, totp_enabled = false, totp_last_step = NULL, totp_recovery_hashes = '{}', updated_at = now(), version = version + 1
          WHERE id = $1 AND NOT totp_enabled`,
        [actor.userId, sealed],
      );
      await this.audit.record(manager, { action: 'totp_enrol', entity: 'users', entityId: actor.userId });
    });
    const otpauthUrl = generateURI({ issuer: TOTP_ISSUER, label: row.email, secret });
    const qrCode = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    return { otpauthUrl, qrCode, secret };
  }

  /**
   * Turns two-step sign-in on when the password is the account's and the code matches the pending
   * secret; returns the recovery codes, shown this once. Every other session of the account ends:
   * whoever else was signed in did not pass the second step.
   */
  async confirmEnrolment(actor: Actor, code: string, password: string): Promise<{ recoveryCodes: string[] }> {
    const row = await this.row(actor.userId);
    if (row.totp_enabled) throw conflict('Two-step sign-in is already on');
    if (!row.totp_secret) throw badRequest({ code: 'start the enrolment first (POST /api/auth/totp/enrol)' });
    if (!(await this.throttle.checkOwnPassword(actor, password, row.password_hash))) throw badRequest({ password: 'is not your current password' });
    const step = await this.matchingStep(row, code);
    if (step === null) throw badRequest({ code: 'does not match; check the time on your phone and try the current code' });
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = await Promise.all(recoveryCodes.map((c) => boundedArgon2(() => argon2.hash(normaliseRecoveryCode(c), RECOVERY_HASH_OPTIONS))));
    await this.dataSource.transaction(async (manager) => {
      const [, updated] = await manager.query(
        `UPDATE users SET totp_enabled = true, totp_last_step = $2, totp_recovery_hashes = $3, updated_at = now(), version = version + 1
          WHERE id = $1 AND NOT totp_enabled AND totp_secret = $4`,
        [actor.userId, step, hashes, row.totp_secret],
      ) as [unknown, number];
      if (updated !== 1) throw conflict('The enrolment changed meanwhile; start again');
      await manager.query(`DELETE FROM login_sessions WHERE user_id = $1 AND id <> $2`, [actor.userId, actor.loginSessionId]);
      await this.audit.record(manager, { action: 'totp_enable', entity: 'users', entityId: actor.userId });
    });
    return { recoveryCodes };
  }

  /** Turns two-step sign-in off: needs the password and a current code (or a recovery code). */
  async disable(actor: Actor, password: string, code: string): Promise<void> {
    const row = await this.row(actor.userId);
    if (!row.totp_enabled) throw conflict('Two-step sign-in is not on');
    if (isStaffRole(row.role) && row.totp_required_for_staff) {
      throw new HttpException({ statusCode: 409, message: 'Your practice requires two-step sign-in for staff', code: 'TOTP_REQUIRED_BY_PRACTICE' }, HttpStatus.CONFLICT);
    }
    const passwordOk = await this.throttle.checkOwnPassword(actor, password, row.password_hash);
    const codeOk = passwordOk && (await this.consumeCode(row, code));
    if (!passwordOk || !codeOk) {
      await this.dataSource.transaction((manager) =>
        this.audit.record(manager, { action: 'totp_disable_failed', entity: 'users', entityId: actor.userId }));
      throw new UnauthorizedException({ statusCode: 401, message: 'The password or the code is not right', code: 'TOTP_INVALID' });
    }
    await this.dataSource.transaction(async (manager) => {
      await this.turnOff(manager, actor.userId);
      await this.audit.record(manager, { action: 'totp_disable', entity: 'users', entityId: actor.userId });
    });
  }

  /**
   * Turns two-step sign-in off and forgets the secret and recovery codes, in the caller's transaction
   * (an admin's reset also ends the sessions and audits it there). False when it was neither on nor pending.
   */
  async turnOff(manager: EntityManager, userId: string): Promise<boolean> {
    const [, updated] = (await manager.query(
      `UPDATE users SET totp_enabled = false, totp_secret = NULL, totp_last_step = NULL, totp_recovery_hashes = '{}', updated_at = now(), version = version + 1
        WHERE id = $1 AND (totp_enabled OR totp_secret IS NOT NULL)`,
      [userId],
    )) as [unknown, number];
    return updated === 1;
  }

  /** For sign-in: a 6-digit code of a step later than the last one used, or an unused recovery code. Used up either way. */
  async verifyLoginCode(user: User, code: string): Promise<boolean> {
    return this.consumeCode({
      id: user.id,
      totp_secret: user.totpSecret,
      totp_enabled: user.totpEnabled,
      totp_last_step: user.totpLastStep,
      totp_recovery_hashes: user.totpRecoveryHashes ?? [],
    }, code);
  }

  private async consumeCode(row: Pick<TotpRow, 'id' | 'totp_secret' | 'totp_enabled' | 'totp_last_step' | 'totp_recovery_hashes'>, code: string): Promise<boolean> {
    if (!row.totp_enabled) return false;
    const trimmed = code.trim();
    if (SIX_DIGITS.test(trimmed)) {
      const step = await this.matchingStep(row, trimmed);
      if (step === null) return false;
      // Compare-and-set: of two requests with the same code, only one moves the step on.
      const [, updated] = await this.dataSource.query(
        `UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_enabled AND (totp_last_step IS NULL OR totp_last_step < $2)`,
        [row.id, step],
      ) as [unknown, number];
      return updated === 1;
    }
    if (!RECOVERY_CODE.test(trimmed)) return false;
    const normalised = normaliseRecoveryCode(trimmed);
    for (const hash of row.totp_recovery_hashes) {
      if (!(await boundedArgon2(() => argon2.verify(hash, normalised).catch(() => false)))) continue;
      const [, updated] = await this.dataSource.query(
        `UPDATE users SET totp_recovery_hashes = array_remove(totp_recovery_hashes, $2) WHERE id = $1 AND $2 = ANY (totp_recovery_hashes)`,
        [row.id, hash],
      ) as [unknown, number];
      return updated === 1;
    }
    return false;
  }

  /** The time step a 6-digit code belongs to (now, or one step either side), later than the last used; else null. */
  private async matchingStep(row: Pick<TotpRow, 'id' | 'totp_secret' | 'totp_last_step'>, code: string): Promise<number | null> {
    if (!row.totp_secret || !SIX_DIGITS.test(code)) return null;
    const secret = this.secretBox().open(row.totp_secret, row.id);
    if (!secret) return null;
    const lastStep = row.totp_last_step === null ? undefined : Number(row.totp_last_step);
    try {
      const result = await verify({ secret, token: code, epochTolerance: TOTP_TOLERANCE_SECONDS, ...(lastStep === undefined ? {} : { afterTimeStep: lastStep }) });
      // the functional API types TOTP and HOTP results together; a TOTP result carries its time step
      const timeStep = (result as { timeStep?: unknown }).timeStep;
      return result.valid && typeof timeStep === 'number' ? timeStep : null;
    } catch {
      return null;
    }
  }

  private async row(userId: string): Promise<TotpRow> {
    const rows: TotpRow[] = await this.dataSource.query(
      `SELECT u.id, u.role, u.email, u.password_hash, u.totp_secret, u.totp_enabled, u.totp_last_step, u.totp_recovery_hashes, p.totp_required_for_staff
         FROM users u JOIN practices p ON p.id = u.practice_id WHERE u.id = $1`,
      [userId],
    );
    if (!rows[0]) throw new UnauthorizedException('Please sign in');
    return rows[0];
  }
}

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

function normaliseRecoveryCode(code: string): string {
  return code.replace(/-/g, '').toLowerCase();
}
