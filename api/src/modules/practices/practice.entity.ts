import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('practices')
export class Practice {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column({ name: 'totp_required_for_staff', type: 'boolean', default: false }) totpRequiredForStaff: boolean;
  @Column({ type: 'text', nullable: true }) slug: string | null;
  @Column({ name: 'public_test_enabled', type: 'boolean', default: false }) publicTestEnabled: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
