import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An article's topics, with its publish time and listing state copied in so that a topic's
 * newest articles (topic lists, follow backfill, feed rebuild) come from one index range scan.
 */
@Entity('article_topics')
export class ArticleTopic {
  @PrimaryColumn({ name: 'article_id', type: 'bigint' })
  articleId: string;

  @PrimaryColumn({ name: 'topic_id', type: 'bigint' })
  topicId: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  /** status = 'published' (a scheduled article is listed but filtered by published_at <= now()). */
  @Column({ type: 'boolean' })
  listed: boolean;
}
