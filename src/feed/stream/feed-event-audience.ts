import { Injectable } from '@nestjs/common';
import { CardCacheService } from '../../articles/card-cache.service';
import { publishedAndDue } from '../../feed-rules/feed-rule';
import { FollowsRepository } from '../../follows/follows.repository';
import { Clock } from '../../infra/clock/clock';
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
    private readonly follows: FollowsRepository,
    private readonly clock: Clock,
  ) {}

  async resolve(articleId: string, userIds: string[]): Promise<{ event: FeedStreamEvent; userIds: string[] } | null> {
    const card = (await this.cards.getMany([articleId])).get(articleId);
    if (!card || !publishedAndDue.holds(card, this.clock.nowMs()) || !card.topicIds.length) return null;
    const audience = await this.follows.audience(userIds, card.topicIds);
    if (!audience.length) return null;
    const event = {
      id: formatEventId({ publishedAtMs: card.publishedAtMs, articleId }),
      articleId,
      publishedAt: new Date(card.publishedAtMs).toISOString(),
    };
    return { event, userIds: audience };
  }
}
