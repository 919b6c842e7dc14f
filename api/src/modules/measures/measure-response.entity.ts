import type { ChangeClass, PartnerProfile, SafetyFlag } from '@attune/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '../../common/column-transformers.js';

export type Answers = Record<string, number | null>;

/** One occurrence of a given measure, or answers entered in session; scored on the server. */
@Entity('measure_responses')
export class MeasureResponse {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'client_id', type: 'uuid' }) clientId: string;
  @Column({ name: 'schedule_id', type: 'uuid', nullable: true }) scheduleId: string | null;
  @Column({ type: 'integer', nullable: true }) occurrence: number | null;
  @Column({ name: 'measure_key', type: 'text' }) measureKey: string;
  @Column({ name: 'measure_version', type: 'text' }) measureVersion: string;
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column('text') status: 'pending' | 'completed';
  @Column({ type: 'jsonb', nullable: true }) draft: { answers: Answers; safety?: Answers } | null;
  @Column({ type: 'jsonb', nullable: true }) answers: Answers | null;
  @Column({ name: 'safety_answers', type: 'jsonb', nullable: true }) safetyAnswers: Answers | null;
  @Column({ type: 'text', nullable: true }) source: 'client' | 'practitioner' | null;
  @Column({ name: 'entered_by', type: 'uuid', nullable: true }) enteredBy: string | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true, transformer: numericTransformer }) score: number | null;
  @Column({ type: 'text', nullable: true }) band: string | null;
  @Column({ name: 'baseline_score', type: 'numeric', precision: 7, scale: 2, nullable: true, transformer: numericTransformer }) baselineScore: number | null;
  @Column({ name: 'change_class', type: 'text', nullable: true }) changeClass: ChangeClass | null;
  @Column({ name: 'safety_flags', type: 'jsonb', default: () => `'[]'` }) safetyFlags: SafetyFlag[];
  @Column({ type: 'jsonb', default: () => `'{}'` }) subscales: Record<string, number | null>;
  @Column({ type: 'jsonb', nullable: true }) profile: PartnerProfile | null;
  @Column({ name: 'safety_concern', type: 'boolean', default: false }) safetyConcern: boolean;
  @Column({ name: 'shared_with_partner', type: 'boolean', default: false }) sharedWithPartner: boolean;
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true }) remindedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
