import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@attune/domain';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column('text') email: string;
  @Column('text') role: Role;
  @Column({ name: 'display_name', type: 'text' }) displayName: string;
  @Column({ name: 'password_hash', type: 'text', select: false }) passwordHash: string;
  @Column({ name: 'password_changed_at', type: 'timestamptz' }) passwordChangedAt: Date;
  @Column('boolean') active: boolean;
  /** An admin asked for a new password: until it is chosen, a session reaches only its own account. */
  @Column({ name: 'password_change_required', type: 'boolean', default: false }) passwordChangeRequired: boolean;
  @Column({ name: 'totp_secret', type: 'text', nullable: true, select: false }) totpSecret: string | null;
  @Column({ name: 'totp_enabled', type: 'boolean' }) totpEnabled: boolean;
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true, select: false }) totpLastStep: string | null;
  @Column({ name: 'totp_recovery_hashes', type: 'text', array: true, select: false }) totpRecoveryHashes: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column('integer') version: number;
}
