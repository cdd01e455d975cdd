import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CardCacheService } from '../../articles/card-cache.service';
import { formatEventId } from './feed-event-id';

export interface FeedStreamEvent {
  id: string;
  articleId: string;
  publishedAt: string;
}

/**
 * Decides who among the connected readers a chunk names may hear of its article: the feed's own
 * rule (published, due, a followed topic and no muted one), checked now, not at fan-out time.
 */
@Injectable()
export class FeedEventAudience {
  constructor(
    private readonly cards: CardCacheService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async resolve(articleId: string, userIds: string[]): Promise<{ event: FeedStreamEvent; userIds: string[] } | null> {
    const card = (await this.cards.getMany([articleId])).get(articleId);
    if (!card || card.status !== 'published' || card.publishedAtMs > Date.now() || !card.topicIds.length) return null;
    const rows: { user_id: string }[] = await this.db.query(
      `SELECT DISTINCT f.user_id::text AS user_id
       FROM follows f
       WHERE f.user_id = ANY($1::bigint[]) AND f.topic_id = ANY($2::bigint[])
         AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.user_id = f.user_id AND m.topic_id = ANY($2::bigint[]))`,
      [userIds, card.topicIds],
    );
    if (!rows.length) return null;
    const event = {
      id: formatEventId({ publishedAtMs: card.publishedAtMs, articleId }),
      articleId,
      publishedAt: new Date(card.publishedAtMs).toISOString(),
    };
    return { event, userIds: rows.map((r) => r.user_id) };
  }
}
