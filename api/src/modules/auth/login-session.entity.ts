import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signed-in browser. The id is the SHA-256 of the cookie's secret, never the secret itself. */
@Entity('login_sessions')
export class LoginSession {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'xsrf_token', type: 'text' }) xsrfToken: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'last_seen_at', type: 'timestamptz' }) lastSeenAt: Date;
  @Column({ name: 'idle_timeout_minutes', type: 'integer' }) idleTimeoutMinutes: number;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent: string | null;
}
