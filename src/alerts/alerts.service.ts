import { Injectable } from '@nestjs/common';
import { CardCacheService } from '../articles/card-cache.service';
import { notFound } from '../infra/http/app-error';
import { isEntityId } from '../infra/http/entity-id';
import { decodeCursor, encodeCursor, Page } from '../infra/http/paging';
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

/** A reader's alert list, unread count and read marks. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly cards: CardCacheService,
    private readonly topics: TopicsRepository,
  ) {}

  async page(userId: string, query: AlertsPageQuery): Promise<Page<AlertView>> {
    const before = decodeCursor(query.cursor, isAlertCursor)?.id;
    const rows = await this.alerts.page(userId, query.limit + 1, before);
    const pageRows = rows.slice(0, query.limit);
    const cards = await this.cards.getMany(pageRows.map((r) => r.articleId));
    const topics = new Map((await this.topics.viewsByIds([...new Set(pageRows.map((r) => r.reasonTopicId))])).map((t) => [t.id, t]));
    const items = pageRows.flatMap((r) => {
      const card = cards.get(r.articleId);
      const topic = topics.get(r.reasonTopicId);
      if (!card || card.status !== 'published' || !topic) return [];
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

  unreadCount(userId: string): Promise<number> {
    return this.alerts.unreadCount(userId);
  }

  async markRead(userId: string, upTo: string | undefined): Promise<void> {
    if (upTo !== undefined && (!isEntityId(upTo) || !(await this.alerts.exists(userId, upTo))))
      throw notFound('ALERT_NOT_FOUND', 'The alert');
    await this.alerts.markRead(userId, upTo ?? null);
  }
}
