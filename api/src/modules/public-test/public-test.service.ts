import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  COMMUNICATION_PROFILE, PUBLIC_TEST_MAX_AGE_SECONDS, PUBLIC_TEST_MIN_FILL_SECONDS, SAFETY_SCREEN_ITEMS, visitorResult,
  type PublicTestDto, type PublicTestResultDto, type PublicTestSubmit,
} from '@attune/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { badRequest, conflict, notFound } from '../../common/api-errors.js';
import { RetryLaterException } from '../../common/retry-later.js';
import { loadEncryptionKey, SecretBox } from '../../common/secret-box.js';
import { UserRateLimit } from '../../common/user-rate-limit.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { assertAnswers, assertSafetyScreen } from '../measures/measure-scoring.js';
import { IntakeRequest } from '../measures/intake-request.entity.js';

/**
 * The public relationship test of a practice (`/#/test/<slug>`): no account, no tracking, and nothing
 * stored unless the visitor sends the result with consent and a contact. Bots are kept out without a
 * third-party captcha: a sealed start time (answers faster than a person reads are refused), a
 * honeypot field people never see, and a per-address limit kept in memory only. The token is good
 * for two hours and files one intake request only, and a practice takes a limited number of
 * requests a day: both kept in PostgreSQL, so they hold across API instances.
 */
@Injectable()
export class PublicTestService {
  private readonly perAddress: UserRateLimit;
  private box: SecretBox | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.perAddress = new UserRateLimit(config.publicTestRateLimit);
  }

  async get(slug: string): Promise<PublicTestDto> {
    const practice = await this.practiceOf(slug);
    const startedAt = Date.now();
    return {
      practiceName: practice.name,
      startedAt,
      startToken: this.secretBox().seal(String(startedAt), `public-test:${practice.id}`),
      minFillSeconds: PUBLIC_TEST_MIN_FILL_SECONDS,
      definition: { key: COMMUNICATION_PROFILE.key, title: COMMUNICATION_PROFILE.title, instructions: COMMUNICATION_PROFILE.instructions, items: COMMUNICATION_PROFILE.items, licence: COMMUNICATION_PROFILE.licence },
      safetyItems: [...SAFETY_SCREEN_ITEMS],
    };
  }

  async submit(slug: string, input: PublicTestSubmit, address: string | null): Promise<PublicTestResultDto> {
    const wait = this.perAddress.take(`public-test:${address ?? 'unknown'}`);
    if (wait > 0) throw new RetryLaterException(429, 'Too many tries from this address; please wait a little.', 'RATE_LIMITED', wait);
    const practice = await this.practiceOf(slug);
    const opened = Number(this.secretBox().open(input.startToken, `public-test:${practice.id}`) ?? NaN);
    if (!Number.isFinite(opened) || opened !== input.startedAt) throw badRequest({ startedAt: 'does not match the page you opened; reload the page' });
    if (Date.now() - opened < PUBLIC_TEST_MIN_FILL_SECONDS * 1000) {
      throw badRequest({ startedAt: 'the answers came faster than a person can read the questions; take your time and send again' });
    }
    if (Date.now() - opened > PUBLIC_TEST_MAX_AGE_SECONDS * 1000) {
      throw badRequest({ startedAt: 'the page was opened more than two hours ago; reload the page and send again' });
    }
    assertAnswers(COMMUNICATION_PROFILE, input.answers);
    const safety = assertSafetyScreen(input.safety);
    const result = visitorResult(input.answers, safety);
    // A filled honeypot: answer as if all went well, and keep nothing.
    if (input.website) return { ...result, sent: false };
    const contact = input.contact;
    if (!input.consent || !contact) return { ...result, sent: false };
    const startTokenHash = createHash('sha256').update(input.startToken).digest('hex');
    await this.dataSource.transaction(async (manager) => {
      await this.assertMayFile(manager, practice.id, startTokenHash);
      await manager.getRepository(IntakeRequest).insert({
        practiceId: practice.id,
        status: 'new',
        name: contact.name.trim(),
        email: contact.email ?? null,
        phone: contact.phone?.trim() || null,
        message: contact.message?.trim() || null,
        locale: input.locale ?? 'en',
        answers: input.answers,
        safetyAnswers: safety,
        profile: result.profile,
        safetyConcern: result.safetyConcern,
        playbook: result.playbook,
        startTokenHash,
      });
    });
    return { ...result, sent: true };
  }

  /**
   * Refuses a start token that already filed a request (409) and a practice past its requests of
   * the last 24 hours (429, Retry-After until the oldest of them leaves the window). The practice's
   * row is locked first, so concurrent sends on any instance are counted one after the other.
   */
  private async assertMayFile(manager: EntityManager, practiceId: string, startTokenHash: string): Promise<void> {
    await manager.query(`SELECT 1 FROM practices WHERE id = $1 FOR UPDATE`, [practiceId]);
    const used: unknown[] = await manager.query(`SELECT 1 FROM intake_requests WHERE start_token_hash = $1`, [startTokenHash]);
    if (used.length > 0) throw conflict('This result was already sent to the practice; reload the page to take the test again.');
    const limit = this.config.publicTestDailyIntakeLimit;
    if (limit === 0) return;
    const [recent]: Array<{ n: number; oldest: Date | null }> = await manager.query(
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM intake_requests WHERE practice_id = $1 AND created_at > now() - interval '1 day'`, [practiceId]);
    if (recent!.n < limit) return;
    const seconds = Math.max(1, Math.ceil((recent!.oldest!.getTime() + 86_400_000 - Date.now()) / 1000));
    throw new RetryLaterException(429, 'This practice has received as many requests as it takes today; please try again later.', 'RATE_LIMITED', seconds);
  }

  private async practiceOf(slug: string): Promise<{ id: string; name: string }> {
    const rows: Array<{ id: string; name: string }> = /^[a-z0-9-]{3,40}$/.test(slug)
      ? await this.dataSource.query(`SELECT id, name FROM practices WHERE slug = $1 AND public_test_enabled`, [slug])
      : [];
    if (!rows[0]) throw notFound('Practice');
    return rows[0];
  }

  private secretBox(): SecretBox {
    this.box ??= new SecretBox(loadEncryptionKey(this.config.encryptionKey, this.config.dataDir));
    return this.box;
  }
}
