import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { RedisClient } from '../infra/redis/redis';
import { AppConfig } from '../infra/config/app-config';
import { REDIS, RedisKeys } from '../infra/redis/redis.module';

function packed(articleIds: number[]): Buffer {
  const buf = Buffer.alloc(articleIds.length * 4);
  articleIds.forEach((id, i) => buf.writeUInt32BE(id, i * 4));
  return buf;
}

const nameOf = (buf: Buffer) => createHash('sha256').update(buf).digest('base64url').slice(0, 16);

/** The name `save` gives an order, known before it is saved. */
export const snapshotName = (articleIds: number[]): string => nameOf(packed(articleIds));

/**
 * The re-ranked order of a ranked first page's top window, frozen for the pages its cursor leads to
 * (key `feed-order:<userId>:<id>`, packed uint32 article ids, RANK_SNAPSHOT_TTL_SECONDS). Named by a
 * hash of its content, so the same first page gives the same cursor (and ETag). Rebuilt from nothing:
 * when one has expired, the next page recomputes the order (docs/ranking.md).
 */
@Injectable()
export class RankedSnapshots {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly config: AppConfig,
  ) {}

  async save(userId: string, articleIds: number[]): Promise<string> {
    const buf = packed(articleIds);
    const id = nameOf(buf);
    await this.redis.set(this.key(userId, id), buf, 'EX', this.config.RANK_SNAPSHOT_TTL_SECONDS);
    return id;
  }

  async load(userId: string, id: string): Promise<number[] | null> {
    const buf = await this.redis.getBuffer(this.key(userId, id));
    if (!buf) return null;
    const ids: number[] = [];
    for (let at = 0; at + 4 <= buf.length; at += 4) ids.push(buf.readUInt32BE(at));
    return ids;
  }

  private key(userId: string, id: string): string {
    return this.keys.key('feed-order', userId, id);
  }
}
