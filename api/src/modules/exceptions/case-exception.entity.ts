import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface DeepDescription {
  bodily?: string;
  capacity?: string;
  ifMoreOften?: string;
}

/** A moment when the problem was less severe or absent (the domain's "exception"). */
@Entity('case_exceptions')
export class CaseException {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'client_id', type: 'uuid' }) clientId: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column('text') context: string;
  @Column({ type: 'text', nullable: true }) behavior: string | null;
  @Column({ type: 'text', nullable: true }) thoughts: string | null;
  @Column({ type: 'text', nullable: true }) emotions: string | null;
  @Column({ type: 'text', nullable: true }) meaning: string | null;
  @Column({ type: 'text', array: true }) tags: string[];
  @Column({ type: 'jsonb', nullable: true }) deep: DeepDescription | null;
  @Column('boolean') significant: boolean;
  @Column('text') source: 'practitioner' | 'client';
  @Column({ name: 'assignment_id', type: 'uuid', nullable: true }) assignmentId: string | null;
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true }) recordedBy: string | null;
  @Column({ name: 'staff_annotation', type: 'text', nullable: true }) staffAnnotation: string | null;
  @Column({ type: 'boolean', default: false }) hidden: boolean;
  @Column({ name: 'hidden_reason', type: 'text', nullable: true }) hiddenReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'integer', default: 1 }) version: number;
}
