import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { validationFailed } from '../infra/http/app-error';
import { slugify } from '../infra/text/slugify';
import type { CreateTopicDto } from './dto/create-topic.dto';
import type { UpdateTopicDto } from './dto/update-topic.dto';
import { topicExists, topicNotFound } from './topic-errors';
import { isPossibleSlug, SLUG_MAX_LENGTH } from './topic-search';
import type { TopicView } from './topic-view';
import { TopicsService } from './topics.service';

// Serialises parent changes: two concurrent PATCHes could each pass the cycle check and together close a loop.
const HIERARCHY_LOCK = 740_211;

const blankToNull = (text: string | null | undefined): string | null => (text ? text : null);

/** Creating and editing topics (editors and admins). */
@Injectable()
export class TopicEditorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly topics: TopicsService,
  ) {}

  async create(dto: CreateTopicDto): Promise<TopicView> {
    const slug = dto.slug ?? slugify(dto.name, SLUG_MAX_LENGTH);
    if (!slug) throw validationFailed('slug', 'is required: the name gives no usable slug');
    const parentId = dto.parentSlug == null ? null : await this.parentId(this.dataSource.manager, dto.parentSlug);
    // ON CONFLICT waits for a concurrent insert of the same slug, so a race also ends in TOPIC_EXISTS.
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO topics (slug, name, description, parent_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (slug) DO NOTHING RETURNING id::text AS id`,
      [slug, dto.name, blankToNull(dto.description), parentId],
    );
    if (!rows.length) throw topicExists(slug);
    return this.topics.getViewById(rows[0].id);
  }

  update(slug: string, dto: UpdateTopicDto): Promise<TopicView> {
    if (!isPossibleSlug(slug)) return Promise.reject(topicNotFound());
    return this.dataSource.transaction(async (manager) => {
      // Taken before any row lock: the parent's foreign-key check would otherwise wait on a row held by the lock's waiter.
      if (typeof dto.parentSlug === 'string') await manager.query(`SELECT pg_advisory_xact_lock($1)`, [HIERARCHY_LOCK]);
      const found: { id: string }[] = await manager.query(`SELECT id::text AS id FROM topics WHERE slug = $1 FOR NO KEY UPDATE`, [slug]);
      if (!found.length) throw topicNotFound();
      const id = found[0].id;
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (dto.name !== undefined) set('name', dto.name);
      if (dto.description !== undefined) set('description', blankToNull(dto.description));
      if (dto.parentSlug === null) set('parent_id', null);
      if (typeof dto.parentSlug === 'string') set('parent_id', await this.acyclicParentId(manager, id, dto.parentSlug));
      if (sets.length) {
        await manager.query(`UPDATE topics SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
      }
      return this.topics.getViewById(id, manager);
    });
  }

  private async parentId(manager: EntityManager, parentSlug: string): Promise<string> {
    const rows: { id: string }[] = isPossibleSlug(parentSlug)
      ? await manager.query(`SELECT id::text AS id FROM topics WHERE slug = $1`, [parentSlug])
      : [];
    if (!rows.length) throw validationFailed('parentSlug', 'names no topic');
    return rows[0].id;
  }

  /** Runs under HIERARCHY_LOCK, so no concurrent parent change slips past the check. */
  private async acyclicParentId(manager: EntityManager, topicId: string, parentSlug: string): Promise<string> {
    const parentId = await this.parentId(manager, parentSlug);
    // Walk up from the new parent; meeting the topic itself means the parent is the topic or one of its descendants.
    const loop: unknown[] = await manager.query(
      `WITH RECURSIVE ancestors(id, parent_id) AS (
         SELECT id, parent_id FROM topics WHERE id = $1
         UNION
         SELECT t.id, t.parent_id FROM topics t JOIN ancestors a ON t.id = a.parent_id
       )
       SELECT 1 FROM ancestors WHERE id = $2 LIMIT 1`,
      [parentId, topicId],
    );
    if (loop.length) throw validationFailed('parentSlug', 'would make the topic its own ancestor');
    return parentId;
  }
}
