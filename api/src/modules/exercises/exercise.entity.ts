import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ExerciseAudience, ExerciseCadence, ExerciseEffect, ExerciseField, StageNumber } from '@attune/domain';

@Entity('exercises')
export class Exercise {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** null for the built-in exercises, which every practice shares. */
  @Column({ name: 'practice_id', type: 'uuid', nullable: true }) practiceId: string | null;
  @Column('text') key: string;
  @Column('smallint') stage: StageNumber;
  @Column('text') title: string;
  @Column({ type: 'text', nullable: true }) summary: string | null;
  @Column('text') instructions: string;
  @Column('text') audience: ExerciseAudience;
  @Column('jsonb') cadence: ExerciseCadence;
  @Column('jsonb') fields: ExerciseField[];
  @Column({ type: 'text', nullable: true }) effect: ExerciseEffect | null;
  @Column({ name: 'built_in', type: 'boolean' }) builtIn: boolean;
  /** When a built-in left libs' catalogue: kept for the homework that uses it, offered for no new one. */
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt: Date | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('integer') version: number;
}
