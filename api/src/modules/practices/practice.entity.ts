import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('practices')
export class Practice {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column({ name: 'totp_required_for_staff', type: 'boolean', default: false }) totpRequiredForStaff: boolean;
  @Column({ type: 'text', nullable: true }) slug: string | null;
  @Column({ name: 'public_test_enabled', type: 'boolean', default: false }) publicTestEnabled: boolean;
  /** Clients get one notice when homework is overdue, this many days after its due date (0: as soon as it is). */
  @Column({ name: 'overdue_notice_enabled', type: 'boolean', default: true }) overdueNoticeEnabled: boolean;
  @Column({ name: 'overdue_notice_after_days', type: 'smallint', default: 0 }) overdueNoticeAfterDays: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
