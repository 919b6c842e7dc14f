import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Text added to a signed session note; the note itself never changes, nor does an addendum (the
 * database refuses UPDATE and DELETE). `hash` links it to the one before (the note's hash for the
 * first): see note-integrity.ts.
 */
@Entity('session_addenda')
export class SessionAddendum {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'practice_id', type: 'uuid' }) practiceId: string;
  @Column({ name: 'session_id', type: 'uuid' }) sessionId: string;
  @Column({ name: 'author_id', type: 'uuid' }) authorId: string;
  @Column('text') text: string;
  /** Its place in the note's chain: 1 for the first addendum. */
  @Column('integer') position: number;
  @Column('text') hash: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
