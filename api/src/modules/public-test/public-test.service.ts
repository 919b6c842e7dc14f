import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  COMMUNICATION_PROFILE, PUBLIC_TEST_MIN_FILL_SECONDS, SAFETY_SCREEN_ITEMS, visitorResult,
  type PublicTestDto, type PublicTestResultDto, type PublicTestSubmit,
} from '@attune/domain';
import { DataSource } from 'typeorm';
import { badRequest, notFound } from '../../common/api-errors.js';
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
 * honeypot field people never see, and a per-address limit kept in memory only.
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
    assertAnswers(COMMUNICATION_PROFILE, input.answers);
    const safety = assertSafetyScreen(input.safety);
    const result = visitorResult(input.answers, safety);
    // A filled honeypot: answer as if all went well, and keep nothing.
    if (input.website) return { ...result, sent: false };
    if (!input.consent || !input.contact) return { ...result, sent: false };
    await this.dataSource.getRepository(IntakeRequest).insert({
      practiceId: practice.id,
      status: 'new',
      name: input.contact.name.trim(),
      email: input.contact.email ?? null,
      phone: input.contact.phone?.trim() || null,
      message: input.contact.message?.trim() || null,
      locale: input.locale ?? 'en',
      answers: input.answers,
      safetyAnswers: safety,
      profile: result.profile,
      safetyConcern: result.safetyConcern,
      playbook: result.playbook,
    });
    return { ...result, sent: true };
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
