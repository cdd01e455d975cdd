import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { decodeCursor, encodeCursor, Page } from '../infra/http/paging';
import type { ListTopicsQuery } from './dto/list-topics.query';
import { topicNotFound } from './topic-errors';
import { isPossibleSlug, isTopicCursor, substringPattern } from './topic-search';
import { Topic } from './topic.entity';
import { toTopicView, TopicView } from './topic-view';

interface TopicViewRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  parentSlug: string | null;
  followerCount: number;
}

const VIEW_SELECT = `
  SELECT t.id::text AS "id", t.slug, t.name, t.description, p.slug AS "parentSlug", t.follower_count AS "followerCount"
  FROM topics t LEFT JOIN topics p ON p.id = t.parent_id`;

const rowToView = (row: TopicViewRow): TopicView => toTopicView(row, row.parentSlug);

/** Reading topics: lookups by slug for other features, views and the public list. */
@Injectable()
export class TopicsService {
  constructor(
    @InjectRepository(Topic) private readonly topics: Repository<Topic>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** null for any slug that names nothing, whatever its format. */
  findBySlug(slug: string): Promise<Topic | null> {
    return isPossibleSlug(slug) ? this.topics.findOneBy({ slug }) : Promise.resolve(null);
  }

  /** The topics among `slugs` that exist (in no particular order); callers compare to spot unknown ones. */
  findBySlugs(slugs: string[]): Promise<Topic[]> {
    const possible = [...new Set(slugs.filter(isPossibleSlug))];
    return possible.length ? this.topics.findBy({ slug: In(possible) }) : Promise.resolve([]);
  }

  async getView(slug: string): Promise<TopicView> {
    if (!isPossibleSlug(slug)) throw topicNotFound();
    const rows: TopicViewRow[] = await this.dataSource.query(`${VIEW_SELECT} WHERE t.slug = $1`, [slug]);
    if (!rows.length) throw topicNotFound();
    return rowToView(rows[0]);
  }

  async getViewById(id: string, manager: EntityManager = this.dataSource.manager): Promise<TopicView> {
    const rows: TopicViewRow[] = await manager.query(`${VIEW_SELECT} WHERE t.id = $1`, [id]);
    if (!rows.length) throw topicNotFound();
    return rowToView(rows[0]);
  }

  async viewsByIds(ids: string[]): Promise<Map<string, TopicView>> {
    if (!ids.length) return new Map();
    const rows: TopicViewRow[] = await this.dataSource.query(`${VIEW_SELECT} WHERE t.id = ANY($1::bigint[])`, [ids]);
    return new Map(rows.map((row) => [row.id, rowToView(row)]));
  }

  /**
   * Ordered by slug in byte order (the same on every server, whatever its locale); the cursor is
   * the last slug shown, so topics created between pages are neither repeated nor skipped before it.
   */
  async list(query: ListTopicsQuery): Promise<Page<TopicView>> {
    const cursor = decodeCursor(query.cursor, isTopicCursor);
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.q !== undefined) {
      params.push(substringPattern(query.q));
      where.push(`(t.name ILIKE $${params.length} OR t.slug ILIKE $${params.length})`);
    }
    if (cursor) {
      params.push(cursor.after);
      where.push(`t.slug COLLATE "C" > $${params.length}`);
    }
    params.push(query.limit + 1);
    const sql = `${VIEW_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY t.slug COLLATE "C" LIMIT $${params.length}`;
    const rows: TopicViewRow[] = await this.dataSource.query(sql, params);
    const page = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? encodeCursor({ after: page[page.length - 1].slug }) : null;
    return { items: page.map(rowToView), nextCursor };
  }
}
