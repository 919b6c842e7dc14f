import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One day's (daily cadence) or one week's (weekly cadence) entry of a repeating assignment. */
@Entity('assignment_check_ins')
export class AssignmentCheckIn {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column({ name: 'assignment_id', type: 'uuid' }) assignmentId: string;
  @Column({ name: 'period_start', type: 'date' }) periodStart: string;
  @Column('jsonb') response: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
