import { Injectable } from '@nestjs/common';
import { CardCacheService } from '../../articles/card-cache.service';
import { publishedAndDue } from '../../feed-rules/feed-rule';
import { cardMatchesMutedWords } from '../../feed-rules/muted-words';
import { FollowsRepository } from '../../follows/follows.repository';
import { Clock } from '../../infra/clock/clock';
import { MutedWordsRepository } from '../../muted-words/muted-words.repository';
import { formatEventId } from './feed-event-id';

export interface FeedStreamEvent {
  id: string;
  articleId: string;
  publishedAt: string;
}

/**
 * Decides who among the connected readers a chunk names may hear of its article: the feed's own
 * rule (published, due, a followed topic and no muted one, no muted word), checked now, not at fan-out time.
 */
@Injectable()
export class FeedEventAudience {
  constructor(
    private readonly cards: CardCacheService,
    private readonly follows: FollowsRepository,
    private readonly mutedWords: MutedWordsRepository,
    private readonly clock: Clock,
  ) {}

  async resolve(articleId: string, userIds: string[]): Promise<{ event: FeedStreamEvent; userIds: string[] } | null> {
    const card = (await this.cards.getMany([articleId])).get(articleId);
    if (!card || !publishedAndDue.holds(card, this.clock.nowMs()) || !card.topicIds.length) return null;
    const followers = await this.follows.audience(userIds, card.topicIds);
    if (!followers.length) return null;
    // The one matcher (feed-rules/muted-words.ts): a reader muting a word of the article does not hear of it.
    const phrases = await this.mutedWords.activePhrasesOf(followers, this.clock.now());
    const audience = phrases.size ? followers.filter((id) => !cardMatchesMutedWords(card.cardJson, phrases.get(id) ?? [])) : followers;
    if (!audience.length) return null;
    const event = {
      id: formatEventId({ publishedAtMs: card.publishedAtMs, articleId }),
      articleId,
      publishedAt: new Date(card.publishedAtMs).toISOString(),
    };
    return { event, userIds: audience };
  }
}
