import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, Page } from '../infra/http/paging';
import type { ListTopicsQuery } from './dto/list-topics.query';
import { topicNotFound } from './topic-errors';
import { isPossibleSlug, isTopicCursor, substringPattern } from './topic-search';
import type { Topic } from './topic.entity';
import { toTopicView, TopicView } from './topic-view';
import { TopicsRepository, TopicViewRow } from './topics.repository';

const rowToView = (row: TopicViewRow): TopicView => toTopicView(row, row.parentSlug);

/** Reading topics: lookups by slug for other features, views and the public list. */
@Injectable()
export class TopicsService {
  constructor(private readonly topics: TopicsRepository) {}

  /** null for any slug that names nothing, whatever its format. */
  findBySlug(slug: string): Promise<Topic | null> {
    return isPossibleSlug(slug) ? this.topics.findBySlug(slug) : Promise.resolve(null);
  }

  /** The topics among `slugs` that exist (in no particular order); callers compare to spot unknown ones. */
  findBySlugs(slugs: string[]): Promise<Topic[]> {
    const possible = [...new Set(slugs.filter(isPossibleSlug))];
    return possible.length ? this.topics.findBySlugs(possible) : Promise.resolve([]);
  }

  async getView(slug: string): Promise<TopicView> {
    if (!isPossibleSlug(slug)) throw topicNotFound();
    const row = await this.topics.viewBySlug(slug);
    if (!row) throw topicNotFound();
    return rowToView(row);
  }

  async getViewById(id: string, manager?: EntityManager): Promise<TopicView> {
    const row = await this.topics.viewById(id, manager);
    if (!row) throw topicNotFound();
    return rowToView(row);
  }

  async viewsByIds(ids: string[]): Promise<Map<string, TopicView>> {
    if (!ids.length) return new Map();
    const rows = await this.topics.viewsByIds(ids);
    return new Map(rows.map((row) => [row.id, rowToView(row)]));
  }

  /**
   * Ordered by slug in byte order (the same on every server, whatever its locale); the cursor is
   * the last slug shown, so topics created between pages are neither repeated nor skipped before it.
   */
  async list(query: ListTopicsQuery): Promise<Page<TopicView>> {
    const cursor = decodeCursor(query.cursor, isTopicCursor);
    const rows = await this.topics.list({
      pattern: query.q === undefined ? undefined : substringPattern(query.q),
      after: cursor?.after,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? encodeCursor({ after: page[page.length - 1].slug }) : null;
    return { items: page.map(rowToView), nextCursor };
  }
}
