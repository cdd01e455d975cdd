import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import type { Queryable } from '../infra/database/queryable';
import { Topic } from './topic.entity';

export interface TopicViewRow {
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

// Serialises parent changes: two concurrent PATCHes could each pass the cycle check and together close a loop.
const HIERARCHY_LOCK = 740_211;

/** The topics table (follower_count moves with follows: FollowsRepository). */
@Injectable()
export class TopicsRepository {
  private readonly topics: Repository<Topic>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.topics = db.getRepository(Topic);
  }

  findBySlug(slug: string): Promise<Topic | null> {
    return this.topics.findOneBy({ slug });
  }

  findBySlugs(slugs: string[]): Promise<Topic[]> {
    return this.topics.findBy({ slug: In(slugs) });
  }

  async viewBySlug(slug: string): Promise<TopicViewRow | undefined> {
    const rows: TopicViewRow[] = await this.db.query(`${VIEW_SELECT} WHERE t.slug = $1`, [slug]);
    return rows[0];
  }

  async viewById(id: string, m: Queryable = this.db): Promise<TopicViewRow | undefined> {
    const rows: TopicViewRow[] = await m.query(`${VIEW_SELECT} WHERE t.id = $1`, [id]);
    return rows[0];
  }

  viewsByIds(ids: string[]): Promise<TopicViewRow[]> {
    return this.db.query(`${VIEW_SELECT} WHERE t.id = ANY($1::bigint[])`, [ids]);
  }

  /**
   * Ordered by slug in byte order (the same on every server, whatever its locale), after the slug
   * `after`, names or slugs matching the ILIKE `pattern` when given.
   */
  list(filter: { pattern?: string; after?: string; limit: number }): Promise<TopicViewRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.pattern !== undefined) {
      params.push(filter.pattern);
      where.push(`(t.name ILIKE $${params.length} OR t.slug ILIKE $${params.length})`);
    }
    if (filter.after !== undefined) {
      params.push(filter.after);
      where.push(`t.slug COLLATE "C" > $${params.length}`);
    }
    params.push(filter.limit);
    const sql = `${VIEW_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY t.slug COLLATE "C" LIMIT $${params.length}`;
    return this.db.query(sql, params);
  }

  /** ON CONFLICT waits for a concurrent insert of the same slug; null when the slug is taken. */
  async insert(topic: { slug: string; name: string; description: string | null; parentId: string | null }): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO topics (slug, name, description, parent_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (slug) DO NOTHING RETURNING id::text AS id`,
      [topic.slug, topic.name, topic.description, topic.parentId],
    );
    return rows[0]?.id ?? null;
  }

  async idBySlug(slug: string, m: Queryable = this.db): Promise<string | undefined> {
    const rows: { id: string }[] = await m.query(`SELECT id::text AS id FROM topics WHERE slug = $1`, [slug]);
    return rows[0]?.id;
  }

  /** Taken before any row lock: the parent's foreign-key check would otherwise wait on a row held by the lock's waiter. */
  async lockHierarchy(m: Queryable): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [HIERARCHY_LOCK]);
  }

  async lockBySlug(m: Queryable, slug: string): Promise<string | undefined> {
    const rows: { id: string }[] = await m.query(`SELECT id::text AS id FROM topics WHERE slug = $1 FOR NO KEY UPDATE`, [slug]);
    return rows[0]?.id;
  }

  async update(m: Queryable, id: string, fields: { name?: string; description?: string | null; parentId?: string | null }): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (fields.name !== undefined) set('name', fields.name);
    if (fields.description !== undefined) set('description', fields.description);
    if (fields.parentId !== undefined) set('parent_id', fields.parentId);
    if (sets.length) await m.query(`UPDATE topics SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  }

  /** True when `topicId` is `startId` or one of its ancestors (walking up from `startId`). */
  async isAncestorOrSelf(m: Queryable, topicId: string, startId: string): Promise<boolean> {
    const loop: unknown[] = await m.query(
      `WITH RECURSIVE ancestors(id, parent_id) AS (
         SELECT id, parent_id FROM topics WHERE id = $1
         UNION
         SELECT t.id, t.parent_id FROM topics t JOIN ancestors a ON t.id = a.parent_id
       )
       SELECT 1 FROM ancestors WHERE id = $2 LIMIT 1`,
      [startId, topicId],
    );
    return loop.length > 0;
  }
}
