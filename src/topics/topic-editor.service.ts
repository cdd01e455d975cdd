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
import { TopicsRepository } from './topics.repository';
import { TopicsService } from './topics.service';

const blankToNull = (text: string | null | undefined): string | null => (text ? text : null);

/** Creating and editing topics (editors and admins). */
@Injectable()
export class TopicEditorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: TopicsRepository,
    private readonly topics: TopicsService,
  ) {}

  async create(dto: CreateTopicDto): Promise<TopicView> {
    const slug = dto.slug ?? slugify(dto.name, SLUG_MAX_LENGTH);
    if (!slug) throw validationFailed('slug', 'is required: the name gives no usable slug');
    const parentId = dto.parentSlug == null ? null : await this.parentId(this.dataSource.manager, dto.parentSlug);
    // A race on the slug also ends in TOPIC_EXISTS (the insert waits for the other one).
    const id = await this.repository.insert({ slug, name: dto.name, description: blankToNull(dto.description), parentId });
    if (id === null) throw topicExists(slug);
    return this.topics.getViewById(id);
  }

  update(slug: string, dto: UpdateTopicDto): Promise<TopicView> {
    if (!isPossibleSlug(slug)) return Promise.reject(topicNotFound());
    return this.dataSource.transaction(async (manager) => {
      if (typeof dto.parentSlug === 'string') await this.repository.lockHierarchy(manager);
      const id = await this.repository.lockBySlug(manager, slug);
      if (id === undefined) throw topicNotFound();
      await this.repository.update(manager, id, {
        name: dto.name,
        description: dto.description === undefined ? undefined : blankToNull(dto.description),
        parentId:
          dto.parentSlug === null
            ? null
            : typeof dto.parentSlug === 'string'
              ? await this.acyclicParentId(manager, id, dto.parentSlug)
              : undefined,
      });
      return this.topics.getViewById(id, manager);
    });
  }

  private async parentId(manager: EntityManager, parentSlug: string): Promise<string> {
    const id = isPossibleSlug(parentSlug) ? await this.repository.idBySlug(parentSlug, manager) : undefined;
    if (id === undefined) throw validationFailed('parentSlug', 'names no topic');
    return id;
  }

  /** Runs under the hierarchy lock, so no concurrent parent change slips past the check. */
  private async acyclicParentId(manager: EntityManager, topicId: string, parentSlug: string): Promise<string> {
    const parentId = await this.parentId(manager, parentSlug);
    // Walking up from the new parent and meeting the topic means the parent is the topic or one of its descendants.
    if (await this.repository.isAncestorOrSelf(manager, topicId, parentId)) {
      throw validationFailed('parentSlug', 'would make the topic its own ancestor');
    }
    return parentId;
  }
}
