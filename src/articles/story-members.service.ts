import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS, RedisKeys } from '../infra/redis/redis.module';
import type { RedisClient } from '../infra/redis/redis';
import { readPerSlot } from '../infra/redis/slot-groups';
import { ArticlesRepository } from './articles.repository';
import { STORY_MEMBERS_INVALIDATE_LUA, STORY_MEMBERS_SAVE_LUA } from './story-members.lua';

type Scripts = {
  storyMembersSave(key: string, generation: string, members: string, ttl: number): Promise<number>;
};

/** Members kept per story: a story's newest this many published articles decide its lead, count and related. */
export const STORY_MEMBERS_CAP = 200;
const TTL_SECONDS = 86_400;

/** A story's members hash. Hash-tagged: the generation and the list are one key anyway; the tag keeps a story in one slot. */
export const storyMembersKey = (keys: RedisKeys, storyKey: string): string => keys.key('story', `{${storyKey}}`);

/**
 * Drops these stories' cached members and bumps their generation, so a fill that began before cannot put them
 * back: after every commit that adds, moves or removes a member, and after the seed (which writes Postgres only).
 */
export async function dropStoryMembers(redis: RedisClient, keys: RedisKeys, storyKeys: Iterable<string | null | undefined>): Promise<void> {
  for (const key of new Set(storyKeys)) if (key) await redis.eval(STORY_MEMBERS_INVALIDATE_LUA, 1, storyMembersKey(keys, key), TTL_SECONDS);
}

/**
 * Which published articles make up a story, from Redis (`story:{<key>}`), filled from Postgres on a miss and
 * dropped after every commit that adds, moves or removes a member: what the feed's read path groups stories by
 * without asking Postgres (docs/feed.md, "Stories").
 */
@Injectable()
export class StoryMembersService {
  private readonly redis: Redis & Scripts;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly keys: RedisKeys,
    private readonly articles: ArticlesRepository,
  ) {
    redis.defineCommand('storyMembersSave', { numberOfKeys: 1, lua: STORY_MEMBERS_SAVE_LUA });
    this.redis = redis as Redis & Scripts;
  }

  /**
   * Member article ids of each story, newest first. One pipelined read; misses from Postgres in one query. `read`:
   * what the caller already read of the cache (the feed's page script), null for a story not cached.
   */
  async get(storyKeys: string[], read?: ReadonlyMap<string, number[] | null>): Promise<Map<string, number[]>> {
    const found = new Map<string, number[]>();
    const wanted: string[] = [];
    for (const key of new Set(storyKeys)) {
      const known = read?.get(key);
      if (known) found.set(key, known);
      else wanted.push(key);
    }
    if (!wanted.length) return found;
    const answers = await readPerSlot(
      this.redis,
      wanted.map((key) => this.key(key)),
      async (keys) => {
        const pipeline = this.redis.pipeline();
        for (const key of keys) pipeline.hmget(key, 'g', 'm');
        return (await pipeline.exec()) ?? [];
      },
    );
    const misses: { key: string; generation: string }[] = [];
    wanted.forEach((key, i) => {
      const [error, value] = answers[i] ?? [new Error('no answer'), null];
      if (error) throw error;
      const [generation, members] = value as [string | null, string | null];
      if (members !== null) found.set(key, members ? members.split(',').map(Number) : []);
      else misses.push({ key, generation: generation ?? '0' });
    });
    if (misses.length) await this.fill(misses, found);
    return found;
  }

  /** After a commit, like the card cache's: the stories an article belongs to now or belonged to before. */
  async invalidate(storyKeys: (string | null | undefined)[]): Promise<void> {
    await dropStoryMembers(this.redis, this.keys, storyKeys);
  }

  private async fill(misses: { key: string; generation: string }[], into: Map<string, number[]>): Promise<void> {
    const loaded = await this.articles.publishedInStories(
      misses.map((m) => m.key),
      STORY_MEMBERS_CAP,
    );
    const saves = new Map<string, [generation: string, members: string]>();
    for (const { key, generation } of misses) {
      const ids = loaded.get(key) ?? [];
      into.set(key, ids.map(Number));
      saves.set(this.key(key), [generation, ids.join(',')]);
    }
    await readPerSlot(this.redis, [...saves.keys()], async (keys) => {
      const pipeline = this.redis.pipeline() as unknown as Scripts & { exec(): Promise<unknown[]> };
      for (const key of keys) void pipeline.storyMembersSave(key, ...saves.get(key)!, TTL_SECONDS);
      return pipeline.exec();
    });
  }

  private key(storyKey: string): string {
    return storyMembersKey(this.keys, storyKey);
  }
}
