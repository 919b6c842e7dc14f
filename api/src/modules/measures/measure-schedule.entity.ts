import type { MeasureCadence } from '@attune/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A measure given to one client of a case: once, at every session, or every N weeks. */
@Entity('measure_schedules')
export class MeasureSchedule {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'client_id', type: 'uuid' }) clientId: string;
  @Column({ name: 'measure_key', type: 'text' }) measureKey: string;
  @Column('text') cadence: MeasureCadence;
  @Column({ name: 'interval_weeks', type: 'integer', nullable: true }) intervalWeeks: number | null;
  @Column({ name: 'expires_after_days', type: 'integer', default: 4 }) expiresAfterDays: number;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
