import { dropStoryMembers } from '../src/articles/story-members.service';
import type { AppConfig } from '../src/infra/config/app-config';
import { createRedisClient } from '../src/infra/redis/redis';
import { RedisKeys } from '../src/infra/redis/redis.module';
import { SEED_DATA, type SeedData } from './check-seed-data';

/**
 * The seed writes Postgres only, so the API's cache of the seed stories' members (`story:{<key>}`) may predate it:
 * articles added to a story, or a database made again under the same Redis. Dropping them after the seed makes the
 * next read fill them from Postgres. Returns how many stories were dropped.
 */
export async function dropSeedStoryCaches(config: AppConfig, data: SeedData = SEED_DATA): Promise<number> {
  const storyKeys = new Set(data.articles.flatMap((a) => (a.storyKey ? [a.storyKey] : [])));
  if (!storyKeys.size) return 0;
  const redis = createRedisClient(config, {}, { name: 'seed' });
  try {
    await dropStoryMembers(redis, new RedisKeys(config), storyKeys);
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
  return storyKeys.size;
}
