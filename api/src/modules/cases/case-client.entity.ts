import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Case } from './case.entity.js';

/** The one (individual) or two (couple) clients of a case; position 1 or 2. */
@Entity('case_clients')
export class CaseClient {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId: string;
  @PrimaryColumn({ name: 'client_id', type: 'uuid' }) clientId: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column('smallint') position: number;
  @ManyToOne('Case', 'caseClients', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;
}
