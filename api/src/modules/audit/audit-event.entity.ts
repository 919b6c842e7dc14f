import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what to which record, from where. Never any clinical text. Append-only in the database. */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'practice_id', type: 'uuid', nullable: true }) practiceId: string | null;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column('text') action: string;
  @Column('text') entity: string;
  @Column({ name: 'entity_id', type: 'text', nullable: true }) entityId: string | null;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId: string | null;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ name: 'correlation_id', type: 'text', nullable: true }) correlationId: string | null;
  /** How many records an export let out; null for other events. */
  @Column({ name: 'record_count', type: 'integer', nullable: true }) recordCount: number | null;
}
