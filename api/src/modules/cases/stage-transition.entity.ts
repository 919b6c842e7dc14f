import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StageNumber } from '@attune/domain';

export type StageTransitionKind = 'start' | 'forward' | 'back' | 'new_cycle';

@Entity('stage_transitions')
export class StageTransition {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'from_stage', type: 'smallint', nullable: true }) fromStage: StageNumber | null;
  @Column({ name: 'to_stage', type: 'smallint' }) toStage: StageNumber;
  @Column({ name: 'from_cycle', type: 'integer', nullable: true }) fromCycle: number | null;
  @Column({ name: 'to_cycle', type: 'integer' }) toCycle: number;
  @Column('text') kind: StageTransitionKind;
  @Column('text') reason: string;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'timestamptz' }) at: Date;
}
