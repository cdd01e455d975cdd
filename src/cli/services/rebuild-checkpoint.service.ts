import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '../../infra/redis/redis';
import { REDIS, RedisKeys } from '../../infra/redis/redis.module';

export interface RebuildCheckpoint {
  /** The last user id whose feed was rebuilt; every active user below it is done. */
  after: string;
  /** The activity cut-off of the run, kept so a resumed run covers the same readers. */
  activeSince: string;
  savedAt: string;
}

// An interrupted run is meant to be resumed soon; a stale checkpoint would skip readers silently.
const CHECKPOINT_TTL_SECONDS = 7 * 86400;

/** Where `feed:rebuild --all` leaves off, for `--resume`. */
@Injectable()
export class RebuildCheckpointStore {
  private readonly key: string;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    keys: RedisKeys,
  ) {
    this.key = keys.key('cli', 'feed-rebuild', 'checkpoint');
  }

  async read(): Promise<RebuildCheckpoint | null> {
    const raw = await this.redis.get(this.key);
    return raw ? (JSON.parse(raw) as RebuildCheckpoint) : null;
  }

  async save(checkpoint: RebuildCheckpoint): Promise<void> {
    await this.redis.set(this.key, JSON.stringify(checkpoint), 'EX', CHECKPOINT_TTL_SECONDS);
  }

  async clear(): Promise<void> {
    await this.redis.del(this.key);
  }
}
