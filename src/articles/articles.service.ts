import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ArticleEventsService } from '../fanout/article-events.service';
import { isEntityId } from '../infra/http/entity-id';
import { slugify } from '../infra/text/slugify';
import type { User } from '../users/user.entity';
import { ArticleChanges, ArticleState, newArticleState, planUpdate } from './article-changes';
import { articleNotFound } from './article-errors';
import { ArticleQuery } from './article-query';
import { readArticleTopics, TopicRow, unlistArticleTopics, writeArticleTopics } from './article-topics.writer';
import { ArticleView, toArticleView } from './article-view';
import { canSee } from './article-visibility';
import { Article } from './article.entity';
import { CardCacheService } from './card-cache.service';
import type { CreateArticleDto } from './dto/create-article.dto';
import type { UpdateArticleDto } from './dto/update-article.dto';
import { parseIsoDateTime } from './dto/iso-date-time';
import { TopicResolver } from './topic-resolver';

interface WriteResult {
  article: Article;
  topics: TopicRow[];
  created: boolean;
  changed: boolean;
  event: 'published' | 'edited' | null;
  addedTopicIds: string[];
}

const slugOf = (headline: string) => slugify(headline) || 'article';

@Injectable()
export class ArticlesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly topicResolver: TopicResolver,
    private readonly query: ArticleQuery,
    private readonly cards: CardCacheService,
    private readonly events: ArticleEventsService,
  ) {}

  /** Creates an article, or updates the one with this externalId (then `created` is false). */
  async create(dto: CreateArticleDto): Promise<{ article: ArticleView; created: boolean }> {
    const topics = await this.topicResolver.resolve(dto.topicSlugs);
    const changes = this.changesOf(dto, topics);
    const now = new Date();
    const result = await this.dataSource.transaction(async (m) => {
      const externalId = dto.externalId;
      if (externalId !== undefined) {
        const existing = await this.lockByExternalId(m, externalId);
        if (existing) return this.update(m, existing, changes, topics, now);
      }
      const state = newArticleState({ ...changes, headline: dto.headline, body: dto.body, topicIds: changes.topicIds! }, now);
      const inserted = await this.insert(m, state, externalId ?? null);
      if (inserted) return inserted;
      // Another request created this externalId since our look-up: ours becomes an update of it.
      return this.update(m, (await this.lockByExternalId(m, externalId!))!, changes, topics, now);
    });
    await this.afterCommit(result);
    return { article: toArticleView(result.article, result.topics), created: result.created };
  }

  async get(id: string, viewer: User | undefined): Promise<ArticleView> {
    if (!isEntityId(id)) throw articleNotFound();
    const [found] = await this.query.loadWithTopics([id], { withBody: true });
    if (!found || !canSee(found.article, viewer, new Date())) throw articleNotFound();
    return toArticleView(found.article, found.topics);
  }

  async patch(id: string, dto: UpdateArticleDto): Promise<ArticleView> {
    if (!isEntityId(id)) throw articleNotFound();
    const topics = dto.topicSlugs ? await this.topicResolver.resolve(dto.topicSlugs) : undefined;
    const changes = this.changesOf(dto, topics);
    const result = await this.dataSource.transaction(async (m) => {
      const article = await m.findOne(Article, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!article) throw articleNotFound();
      return this.update(m, article, changes, topics, new Date());
    });
    await this.afterCommit(result);
    return toArticleView(result.article, result.topics);
  }

  /** Retracts; idempotent. The fan-out is told again on a repeat, so a retry heals a failed removal. */
  async retract(id: string): Promise<void> {
    if (!isEntityId(id)) throw articleNotFound();
    const article = await this.dataSource.transaction(async (m) => {
      const found = await m.findOne(Article, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw articleNotFound();
      if (found.status === 'retracted') return found;
      found.status = 'retracted';
      found.version += 1;
      found.updatedAt = new Date();
      const saved = await m.save(found);
      await unlistArticleTopics(m, saved.id);
      return saved;
    });
    await this.cards.invalidate(article.id);
    await this.events.retracted(article);
  }

  private changesOf(dto: CreateArticleDto | UpdateArticleDto, topics: { id: string }[] | undefined): ArticleChanges {
    return {
      headline: dto.headline,
      body: dto.body,
      summary: dto.summary,
      imageUrl: dto.imageUrl,
      imageCaption: dto.imageCaption,
      authors: dto.authors,
      status: dto.status,
      priority: dto.priority,
      publishedAt: dto.publishedAt === undefined ? undefined : parseIsoDateTime(dto.publishedAt)!,
      topicIds: topics?.map((t) => String(t.id)),
    };
  }

  private lockByExternalId(m: EntityManager, externalId: string): Promise<Article | null> {
    return m.findOne(Article, { where: { externalId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Null when the externalId was taken meanwhile (the insert waited for that transaction). */
  private async insert(m: EntityManager, state: ArticleState, externalId: string | null): Promise<WriteResult | null> {
    const { topicIds, ...fields } = state;
    const insert = m
      .createQueryBuilder()
      .insert()
      .into(Article)
      .values({ ...fields, externalId, slug: slugOf(state.headline) })
      .returning('id');
    const inserted = await (externalId === null ? insert : insert.orIgnore()).execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (id === undefined) return null;
    const article = await m.findOneByOrFail(Article, { id: String(id) });
    await writeArticleTopics(m, article, topicIds);
    return {
      article,
      topics: await readArticleTopics(m, article.id),
      created: true,
      changed: true,
      event: article.status === 'published' ? 'published' : null,
      addedTopicIds: topicIds,
    };
  }

  private async update(
    m: EntityManager,
    article: Article,
    changes: ArticleChanges,
    newTopics: TopicRow[] | undefined,
    now: Date,
  ): Promise<WriteResult> {
    const currentTopics = await readArticleTopics(m, article.id);
    const plan = planUpdate({ ...article, topicIds: currentTopics.map((t) => t.id) }, changes, now);
    const unchanged = { article, topics: currentTopics, created: false, changed: false, event: null, addedTopicIds: [] };
    if (!plan.changed) return unchanged;
    const { topicIds, ...fields } = plan.next;
    if (fields.headline !== article.headline) article.slug = slugOf(fields.headline);
    Object.assign(article, fields);
    article.version += 1;
    article.updatedAt = now;
    const saved = await m.save(article);
    await writeArticleTopics(m, saved, topicIds);
    return {
      article: saved,
      topics: newTopics ? newTopics.map((t) => ({ id: String(t.id), slug: t.slug, name: t.name })) : currentTopics,
      created: false,
      changed: true,
      event: plan.isPublished ? (plan.wasPublished ? 'edited' : 'published') : null,
      addedTopicIds: plan.addedTopicIds,
    };
  }

  /** Feeds read cards from the cache, so it is cleared before the answer and before the fan-out runs. */
  private async afterCommit(result: WriteResult): Promise<void> {
    if (!result.changed) return;
    if (!result.created) await this.cards.invalidate(result.article.id);
    if (result.event === 'published') await this.events.published(result.article);
    if (result.event === 'edited') await this.events.edited(result.article, result.addedTopicIds);
  }
}
