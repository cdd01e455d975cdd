import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { isEntityId } from '../infra/http/entity-id';
import { REDIS, RedisKeys } from '../infra/redis/redis.module';
import { ArticleQuery } from './article-query';
import { toCardView } from './article-view';
import { CachedCard, decodeEnvelope, encodeEnvelope } from './card-envelope';

export type { CachedCard } from './card-envelope';

const TTL_SECONDS = 24 * 60 * 60;

/**
 * Cards by article id, for topic lists and feeds: one Redis string per article at card:<id>.
 * Rebuilt from Postgres (articles + article_topics + topics) on a miss; writers invalidate
 * after committing a change, before they answer.
 */
@Injectable()
export class CardCacheService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly articles: ArticleQuery,
  ) {}

  /** One MGET; the misses from Postgres in one query, written back in one pipeline. Unknown ids are absent. */
  async getMany(ids: string[]): Promise<Map<string, CachedCard>> {
    const wanted = [...new Set(ids)].filter(isEntityId);
    const found = new Map<string, CachedCard>();
    if (!wanted.length) return found;
    const values = await this.redis.mget(wanted.map((id) => this.key(id)));
    const misses: string[] = [];
    wanted.forEach((id, i) => {
      const cached = values[i] == null ? null : decodeEnvelope(values[i]!);
      if (cached) found.set(id, cached);
      else misses.push(id);
    });
    if (misses.length) await this.fill(misses, found);
    return found;
  }

  async invalidate(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }

  private async fill(ids: string[], into: Map<string, CachedCard>): Promise<void> {
    const loaded = await this.articles.loadWithTopics(ids, { withBody: false });
    if (!loaded.length) return;
    const pipeline = this.redis.pipeline();
    for (const { article, topics } of loaded) {
      const { value, cached } = encodeEnvelope(
        {
          topicIds: topics.map((t) => t.id),
          status: article.status,
          publishedAtMs: article.publishedAt.getTime(),
          priority: article.priority,
        },
        toCardView(article, topics),
      );
      into.set(String(article.id), cached);
      pipeline.set(this.key(article.id), value, 'EX', TTL_SECONDS);
    }
    await pipeline.exec();
  }

  private key(id: string): string {
    return this.keys.key('card', id);
  }
}
