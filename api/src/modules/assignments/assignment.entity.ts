import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AssignmentStatus, ExerciseCadence } from '@attune/domain';

/** Homework: an exercise given to one client in a case. */
@Entity('assignments')
export class Assignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'client_id', type: 'uuid' }) clientId: string;
  @Column({ name: 'exercise_id', type: 'uuid' }) exerciseId: string;
  @Column({ name: 'assigned_by', type: 'uuid', nullable: true }) assignedBy: string | null;
  @Column({ name: 'assigned_at', type: 'timestamptz' }) assignedAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  /** Once, daily × N or weekly × N: chosen when the homework was given, the exercise's by default. */
  @Column('jsonb') cadence: ExerciseCadence;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column('text') status: AssignmentStatus;
  @Column({ type: 'jsonb', nullable: true }) draft: Record<string, unknown> | null;
  @Column({ name: 'draft_saved_at', type: 'timestamptz', nullable: true }) draftSavedAt: Date | null;
  @Column({ type: 'jsonb', nullable: true }) response: Record<string, unknown> | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'shared_with_partner', type: 'boolean' }) sharedWithPartner: boolean;
  @Column({ type: 'text', nullable: true }) feedback: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('integer') version: number;
}
