import { Injectable } from '@nestjs/common';
import { CardCacheService } from '../articles/card-cache.service';
import { isInReadersView } from '../feed-rules/feed-rule';
import { CatchUpService } from '../feed/catch-up.service';
import { Clock } from '../infra/clock/clock';
import { notFound } from '../infra/http/app-error';
import { isEntityId } from '../infra/http/entity-id';
import { activeMutedWords, type ReaderState } from '../reader-state/reader-state';
import { ReaderStateService } from '../reader-state/reader-state.service';
import type { User } from '../users/user.entity';
import type { MarkersResponse } from './dto/markers.dto';
import { FeedMarkersRepository } from './feed-markers.repository';

/**
 * Read markers (docs/feed.md, "Markers"): Postgres holds the marker, the reader state carries a copy, so reading
 * markers touches no Postgres when warm. Every move commits first, then drops the copy.
 */
@Injectable()
export class MarkersService {
  constructor(
    private readonly markers: FeedMarkersRepository,
    private readonly cards: CardCacheService,
    private readonly readerStates: ReaderStateService,
    private readonly catchUp: CatchUpService,
    private readonly clock: Clock,
  ) {}

  async get(user: User, given?: ReaderState): Promise<MarkersResponse> {
    const state = given ?? (await this.readerStates.get(user.id));
    return this.view(user, state);
  }

  /** Moves the feed marker forward to an article in the reader's feed; an older one leaves it where it is. */
  async putFeed(user: User, articleId: string, given?: ReaderState): Promise<MarkersResponse> {
    const state = given ?? (await this.readerStates.get(user.id));
    const now = this.clock.nowMs();
    const card = isEntityId(articleId) ? (await this.cards.getMany([articleId])).get(articleId) : undefined;
    if (!card || !isInReadersView(card, state, activeMutedWords(state, now), now)) throw notFound('ARTICLE_NOT_FOUND', 'The article');
    const marker = await this.readerStates.changing(user.id, () =>
      this.markers.advance(user.id, articleId, new Date(card.publishedAtMs), new Date(now)),
    );
    const moved: ReaderState = {
      ...state,
      marker: { articleId: Number(marker.articleId), publishedAtMs: marker.publishedAt.getTime(), updatedAtMs: marker.updatedAt.getTime() },
    };
    return this.view(user, moved);
  }

  private async view(user: User, state: ReaderState): Promise<MarkersResponse> {
    const m = state.marker;
    return {
      feed: m && {
        articleId: String(m.articleId),
        publishedAt: new Date(m.publishedAtMs).toISOString(),
        updatedAt: new Date(m.updatedAtMs).toISOString(),
      },
      unreadCount: await this.catchUp.unreadCount(user, state),
    };
  }
}
