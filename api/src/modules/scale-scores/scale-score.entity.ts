import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '../../common/column-transformers.js';

@Entity('scale_scores')
export class ScaleScore {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'client_id', type: 'uuid' }) clientId: string;
  @Column({ type: 'numeric', precision: 3, scale: 1, transformer: numericTransformer }) score: number;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
  @Column('text') source: 'practitioner' | 'client';
  @Column({ name: 'keeps_from_lower', type: 'text', nullable: true }) keepsFromLower: string | null;
  @Column({ name: 'one_point_higher', type: 'text', nullable: true }) onePointHigher: string | null;
  @Column({ name: 'session_id', type: 'uuid', nullable: true }) sessionId: string | null;
  @Column({ name: 'assignment_id', type: 'uuid', nullable: true }) assignmentId: string | null;
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true }) recordedBy: string | null;
  @Column({ name: 'staff_annotation', type: 'text', nullable: true }) staffAnnotation: string | null;
  @Column({ type: 'boolean', default: false }) hidden: boolean;
  @Column({ name: 'hidden_reason', type: 'text', nullable: true }) hiddenReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'integer', default: 1 }) version: number;
}
