import { Injectable } from '@nestjs/common';
import { CardCacheService, type CachedCard } from '../articles/card-cache.service';
import { matchesMutedWords, type MutableText } from '../feed-rules/muted-words';
import { Clock } from '../infra/clock/clock';
import { notFound } from '../infra/http/app-error';
import { isEntityId } from '../infra/http/entity-id';
import { decodeCursor, encodeCursor, Page } from '../infra/http/paging';
import { MutedWordsRepository } from '../muted-words/muted-words.repository';
import { TopicsRepository } from '../topics/topics.repository';
import { AlertReasonType, AlertsRepository } from './alerts.repository';
import type { AlertsPageQuery } from './dto/alerts.dto';

export interface AlertView {
  id: string;
  article: unknown;
  reason: { type: AlertReasonType; topic: { slug: string; name: string } };
  createdAt: string;
  read: boolean;
  pushed: boolean;
}

const isAlertCursor = (v: unknown): v is { id: string } =>
  typeof v === 'object' && v !== null && typeof (v as { id: unknown }).id === 'string' && isEntityId((v as { id: string }).id);

/** Does the cached card match one of the reader's muted phrases now. */
const isMuted = (card: CachedCard, phrases: string[]) =>
  phrases.length > 0 && matchesMutedWords(JSON.parse(card.cardJson) as MutableText, phrases);

/**
 * A reader's alert list, unread count and read marks. An alert whose article matches a word the reader muted
 * since is left out of both, and shows again once the word expires or is deleted (muted words act at read time).
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly cards: CardCacheService,
    private readonly topics: TopicsRepository,
    private readonly mutedWords: MutedWordsRepository,
    private readonly clock: Clock,
  ) {}

  async page(userId: string, query: AlertsPageQuery): Promise<Page<AlertView>> {
    const before = decodeCursor(query.cursor, isAlertCursor)?.id;
    const rows = await this.alerts.page(userId, query.limit + 1, before);
    const pageRows = rows.slice(0, query.limit);
    const [cards, phrases] = await Promise.all([
      this.cards.getMany(pageRows.map((r) => r.articleId)),
      this.mutedWords.activePhrases(userId, this.clock.now()),
    ]);
    const topics = new Map((await this.topics.viewsByIds([...new Set(pageRows.map((r) => r.reasonTopicId))])).map((t) => [t.id, t]));
    const items = pageRows.flatMap((r) => {
      const card = cards.get(r.articleId);
      const topic = topics.get(r.reasonTopicId);
      if (!card || card.status !== 'published' || !topic || isMuted(card, phrases)) return [];
      return [
        {
          id: r.id,
          article: JSON.parse(card.cardJson) as unknown,
          reason: { type: r.reasonType, topic: { slug: topic.slug, name: topic.name } },
          createdAt: r.createdAt.toISOString(),
          read: r.read,
          pushed: r.pushed,
        },
      ];
    });
    const nextCursor = rows.length > query.limit ? encodeCursor({ id: pageRows[pageRows.length - 1].id }) : null;
    return { items, nextCursor };
  }

  async unreadCount(userId: string): Promise<number> {
    const phrases = await this.mutedWords.activePhrases(userId, this.clock.now());
    if (!phrases.length) return this.alerts.unreadCount(userId);
    const cards = await this.cards.getMany(await this.alerts.unreadArticleIds(userId));
    return [...cards.values()].filter((card) => card.status === 'published' && !isMuted(card, phrases)).length;
  }

  async markRead(userId: string, upTo: string | undefined): Promise<void> {
    if (upTo !== undefined && (!isEntityId(upTo) || !(await this.alerts.exists(userId, upTo))))
      throw notFound('ALERT_NOT_FOUND', 'The alert');
    await this.alerts.markRead(userId, upTo ?? null);
  }
}
