import type { IntakeStatus, PartnerProfile, PlaybookEntry } from '@attune/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Answers } from './measure-response.entity.js';

/** A visitor's public test result, sent to the practice with their consent and contact. */
@Entity('intake_requests')
export class IntakeRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column('text') status: IntakeStatus;
  @Column('text') name: string;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text', nullable: true }) message: string | null;
  @Column('text') locale: string;
  @Column('jsonb') answers: Answers;
  @Column({ name: 'safety_answers', type: 'jsonb' }) safetyAnswers: Answers;
  @Column('jsonb') profile: PartnerProfile;
  @Column({ name: 'safety_concern', type: 'boolean', default: false }) safetyConcern: boolean;
  @Column('jsonb') playbook: PlaybookEntry[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'client_id', type: 'uuid', nullable: true }) clientId: string | null;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId: string | null;
  /** SHA-256 of the start token that filed it: a token files one request only. */
  @Column({ name: 'start_token_hash', type: 'text', nullable: true }) startTokenHash: string | null;
}
