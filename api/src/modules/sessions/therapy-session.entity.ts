import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AppointmentStatus, CancelledBy, MeetingFormat, SessionNote, StageNumber } from '@attune/domain';

/** A therapy session (a meeting in a case); not to be confused with a login session. */
@Entity('therapy_sessions')
export class TherapySession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'duration_minutes', type: 'integer' }) durationMinutes: number;
  @Column('text') format: 'individual' | 'joint';
  @Column({ name: 'attendee_ids', type: 'uuid', array: true }) attendeeIds: string[];
  @Column('smallint') stage: StageNumber;
  @Column('jsonb') note: SessionNote;
  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true }) signedAt: Date | null;
  @Column({ name: 'signed_by', type: 'uuid', nullable: true }) signedBy: string | null;
  @Column({ name: 'note_hash', type: 'text', nullable: true }) noteHash: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('integer') version: number;
  @Column('text') status: AppointmentStatus;
  @Column({ name: 'meeting_format', type: 'text' }) meetingFormat: MeetingFormat;
  @Column({ type: 'text', nullable: true }) location: string | null;
  @Column({ name: 'series_id', type: 'uuid', nullable: true }) seriesId: string | null;
  /** The zone the appointment's wall-clock time is kept in (a series keeps its local time there). */
  @Column({ name: 'time_zone', type: 'text' }) timeZone: string;
  @Column({ name: 'cancelled_by', type: 'text', nullable: true }) cancelledBy: CancelledBy | null;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  @Column({ name: 'cancelled_late', type: 'boolean', nullable: true }) cancelledLate: boolean | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ name: 'conflict_override_reason', type: 'text', nullable: true }) conflictOverrideReason: string | null;
  @Column({ name: 'reminder_sent_at', type: 'timestamptz', nullable: true }) reminderSentAt: Date | null;
}
