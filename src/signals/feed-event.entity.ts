import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SignalType } from '../ranking/affinity';

/** The append-only log of a reader's feed events, as accepted (clamped times, known articles only). */
@Entity('feed_events')
export class FeedEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'bigint' })
  userId: string;

  @Column({ name: 'article_id', type: 'bigint' })
  articleId: string;

  @Column({ type: 'text' })
  type: SignalType;

  @Column({ name: 'dwell_ms', type: 'integer', nullable: true })
  dwellMs: number | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
