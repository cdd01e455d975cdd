import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ArticleEventsService } from '../fanout/article-events.service';
import type { FanoutIntent } from '../fanout/fanout-outbox.repository';
import { Clock } from '../infra/clock/clock';
import { isEntityId } from '../infra/http/entity-id';
import { slugify } from '../infra/text/slugify';
import type { User } from '../users/user.entity';
import { ArticleChanges, ArticleState, newArticleState, planUpdate } from './article-changes';
import { articleNotFound } from './article-errors';
import { ArticleView, toArticleView } from './article-view';
import { canSee } from './article-visibility';
import type { Article } from './article.entity';
import { ArticlesRepository, TopicRow } from './articles.repository';
import { CardCacheService } from './card-cache.service';
import { StoryMembersService } from './story-members.service';
import type { CreateArticleDto } from './dto/create-article.dto';
import type { UpdateArticleDto } from './dto/update-article.dto';
import { parseIsoDateTime } from './dto/iso-date-time';
import { IdempotentRequest } from './idempotency-key';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { TopicResolver } from './topic-resolver';

interface WriteResult {
  article: Article;
  topics: TopicRow[];
  created: boolean;
  changed: boolean;
  event: 'published' | 'edited' | null;
  /** The fan-out owed for this version, recorded in the same transaction. */
  intent: FanoutIntent | null;
  /** The story the article belonged to before this write (its members change when the key or status does). */
  storyKeyBefore?: string | null;
}

const slugOf = (headline: string) => slugify(headline) || 'article';

/** Resolved topics as an article names them: the resolver hands out whole Topic rows. */
const topicRows = (topics: TopicRow[]): TopicRow[] => topics.map((t) => ({ id: String(t.id), slug: t.slug, name: t.name }));

@Injectable()
export class ArticlesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly topicResolver: TopicResolver,
    private readonly articles: ArticlesRepository,
    private readonly cards: CardCacheService,
    private readonly stories: StoryMembersService,
    private readonly events: ArticleEventsService,
    private readonly clock: Clock,
    private readonly idempotencyKeys: IdempotencyKeysRepository,
  ) {}

  /**
   * Creates an article, or updates the one with this externalId (then `created` is false). With an
   * Idempotency-Key, a repeat answers the first outcome and writes nothing (claimed in the same transaction).
   */
  async create(dto: CreateArticleDto, idempotent?: IdempotentRequest): Promise<{ article: ArticleView; created: boolean }> {
    const topics = await this.topicResolver.resolve(dto.topicSlugs);
    const changes = this.changesOf(dto, topics);
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (m) => {
      const first = idempotent ? await this.idempotencyKeys.claim(m, idempotent) : null;
      if (first) return first;
      const written = await this.createOrUpdate(m, dto, changes, topics, now);
      if (idempotent)
        await this.idempotencyKeys.complete(m, idempotent, { status: written.created ? 201 : 200, articleId: written.article.id });
      return written;
    });
    if (!('article' in outcome)) {
      const [found] = await this.articles.loadWithTopics([outcome.articleId], { withBody: true });
      return { article: toArticleView(found.article, found.topics), created: outcome.status === 201 };
    }
    await this.afterCommit(outcome);
    return { article: toArticleView(outcome.article, outcome.topics), created: outcome.created };
  }

  private async createOrUpdate(
    m: EntityManager,
    dto: CreateArticleDto,
    changes: ArticleChanges,
    topics: TopicRow[],
    now: Date,
  ): Promise<WriteResult> {
    const externalId = dto.externalId;
    if (externalId !== undefined) {
      const existing = await this.lockByExternalId(m, externalId);
      if (existing) return this.update(m, existing, changes, topics, now);
    }
    const state = newArticleState({ ...changes, headline: dto.headline, body: dto.body, topicIds: changes.topicIds! }, now);
    const inserted = await this.insert(m, state, topics, externalId ?? null);
    if (inserted) return inserted;
    // Another request created this externalId since our look-up: ours becomes an update of it.
    return this.update(m, (await this.lockByExternalId(m, externalId!))!, changes, topics, now);
  }

  async get(id: string, viewer: User | undefined): Promise<ArticleView> {
    if (!isEntityId(id)) throw articleNotFound();
    const [found] = await this.articles.loadWithTopics([id], { withBody: true });
    if (!found || !canSee(found.article, viewer, this.clock.now())) throw articleNotFound();
    return toArticleView(found.article, found.topics);
  }

  async patch(id: string, dto: UpdateArticleDto): Promise<ArticleView> {
    if (!isEntityId(id)) throw articleNotFound();
    const topics = dto.topicSlugs ? await this.topicResolver.resolve(dto.topicSlugs) : undefined;
    const changes = this.changesOf(dto, topics);
    const result = await this.dataSource.transaction(async (m) => {
      const article = await this.articles.lockById(m, id);
      if (!article) throw articleNotFound();
      return this.update(m, article, changes, topics, this.clock.now());
    });
    await this.afterCommit(result);
    return toArticleView(result.article, result.topics);
  }

  /** Retracts; idempotent. The fan-out is told again on a repeat, so a retry heals a failed removal. */
  async retract(id: string): Promise<void> {
    if (!isEntityId(id)) throw articleNotFound();
    const article = await this.dataSource.transaction(async (m) => {
      const found = await this.articles.lockById(m, id);
      if (!found) throw articleNotFound();
      if (found.status === 'retracted') return found;
      found.status = 'retracted';
      found.version += 1;
      found.updatedAt = this.clock.now();
      const saved = await this.articles.save(m, found);
      await this.articles.unlistTopics(m, saved.id);
      return saved;
    });
    // No fan-out job: the card cache now says retracted and every read drops the entry.
    await this.cards.invalidate(article.id, article.version);
    await this.stories.invalidate([article.storyKey]);
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
      storyKey: dto.storyKey,
      topicIds: topics?.map((t) => String(t.id)),
    };
  }

  private lockByExternalId(m: EntityManager, externalId: string): Promise<Article | null> {
    return this.articles.lockByExternalId(m, externalId);
  }

  /** Null when the externalId was taken meanwhile (the insert waited for that transaction). */
  private async insert(m: EntityManager, state: ArticleState, topics: TopicRow[], externalId: string | null): Promise<WriteResult | null> {
    const { topicIds, ...fields } = state;
    const article = await this.articles.insert(m, { ...fields, externalId, slug: slugOf(state.headline) });
    if (!article) return null;
    await this.articles.addTopics(m, article, topicIds);
    return {
      article,
      topics: topicRows(topics),
      created: true,
      changed: true,
      event: article.status === 'published' ? 'published' : null,
      intent: await this.events.intend(m, article),
    };
  }

  private async update(
    m: EntityManager,
    article: Article,
    changes: ArticleChanges,
    newTopics: TopicRow[] | undefined,
    now: Date,
  ): Promise<WriteResult> {
    const currentTopics = await this.articles.readTopics(m, article.id);
    const plan = planUpdate({ ...article, topicIds: currentTopics.map((t) => t.id) }, changes, now);
    const unchanged = { article, topics: currentTopics, created: false, changed: false, event: null, intent: null };
    if (!plan.changed) return unchanged;
    const storyKeyBefore = article.storyKey;
    const { topicIds, ...fields } = plan.next;
    if (fields.headline !== article.headline) article.slug = slugOf(fields.headline);
    Object.assign(article, fields);
    article.version += 1;
    article.updatedAt = now;
    const saved = await this.articles.save(m, article);
    await this.articles.writeTopics(m, saved, topicIds);
    return {
      article: saved,
      topics: newTopics ? topicRows(newTopics) : currentTopics,
      created: false,
      changed: true,
      event: plan.isPublished ? (plan.wasPublished ? 'edited' : 'published') : null,
      intent: await this.events.intend(m, saved),
      storyKeyBefore,
    };
  }

  /** Feeds read cards from the cache, so it holds the committed card before the answer and before the fan-out runs. */
  private async afterCommit(result: WriteResult): Promise<void> {
    if (!result.changed) return;
    await Promise.all([
      this.cards.store(result.article, result.topics),
      this.stories.invalidate([result.storyKeyBefore, result.article.storyKey]),
    ]);
    await this.events.dispatch(result.intent);
  }
}
