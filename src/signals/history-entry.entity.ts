import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest `open` of an article by a reader: the reading history, and what the re-rank demotes. */
@Entity('reading_history')
export class HistoryEntry {
  @PrimaryColumn({ name: 'user_id', type: 'bigint' })
  userId: string;

  @PrimaryColumn({ name: 'article_id', type: 'bigint' })
  articleId: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;
}
