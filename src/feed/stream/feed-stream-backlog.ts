import { Injectable } from '@nestjs/common';
import type { User } from '../../users/user.entity';
import { FeedService } from '../feed.service';
import { FeedStore } from '../feed-store';
import type { FeedStreamEvent } from './feed-event-audience';
import { EventPosition, formatEventId, isNewer } from './feed-event-id';

// A resume replays at most this many events (the newest); a client away longer reloads the feed.
export const RESUME_MAX_EVENTS = 200;
const PAGE = 50;

/** What a stream starts from: the events it missed (on resume) and the articles the feed already holds. */
@Injectable()
export class FeedStreamBacklog {
  constructor(
    private readonly feed: FeedService,
    private readonly store: FeedStore,
  ) {}

  async read(user: User, after: EventPosition | null): Promise<{ backlog: FeedStreamEvent[]; known: number[] }> {
    // A feed read also builds a missing window and marks the reader active, so fan-outs include them.
    const backlog = after ? await this.newerThan(user, after) : (await this.feed.page(user, { mode: 'latest', limit: 1 }), []);
    const window = (await this.store.read(user.id)) ?? [];
    return { backlog, known: window.map((r) => r.articleId) };
  }

  /** Feed items strictly after `after`, oldest first. */
  private async newerThan(user: User, after: EventPosition): Promise<FeedStreamEvent[]> {
    // `latest` orders the window by whole seconds, so only an item of an earlier second ends the scan.
    const endBelowMs = Math.floor(after.publishedAtMs / 1000) * 1000;
    const found: EventPosition[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.feed.page(user, { mode: 'latest', limit: PAGE, cursor });
      let reachedOlder = false;
      for (const item of page.items) {
        const article = item.article as { id: string; publishedAt: string };
        const position = { publishedAtMs: Date.parse(article.publishedAt), articleId: article.id };
        if (isNewer(position, after)) found.push(position);
        else if (position.publishedAtMs < endBelowMs) reachedOlder = true;
      }
      if (reachedOlder || !page.nextCursor || found.length >= RESUME_MAX_EVENTS) break;
      cursor = page.nextCursor;
    }
    return found
      .sort((a, b) => (isNewer(a, b) ? 1 : isNewer(b, a) ? -1 : 0))
      .slice(-RESUME_MAX_EVENTS)
      .map((p) => ({ id: formatEventId(p), articleId: p.articleId, publishedAt: new Date(p.publishedAtMs).toISOString() }));
  }
}
