import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CaseKind, CaseStatus, StageNumber } from '@attune/domain';
import { CaseClient } from './case-client.entity.js';

@Entity('cases')
export class Case {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column({ name: 'practitioner_id', type: 'uuid' }) practitionerId: string;
  @Column('text') title: string;
  @Column('text') kind: CaseKind;
  @Column('smallint') stage: StageNumber;
  @Column('integer') cycle: number;
  @Column('text') status: CaseStatus;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ name: 'presenting_concern', type: 'text', nullable: true }) presentingConcern: string | null;
  /** The problem in the client's own words ("the Fear"), or null. */
  @Column({ name: 'problem_name', type: 'text', nullable: true }) problemName: string | null;
  @Column({ name: 'stage_entered_at', type: 'timestamptz' }) stageEnteredAt: Date;
  @Column({ name: 'cycle_started_at', type: 'timestamptz' }) cycleStartedAt: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('integer') version: number;
  @OneToMany(() => CaseClient, (cc) => cc.case) caseClients?: CaseClient[];
}
