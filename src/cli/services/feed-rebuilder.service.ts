import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FeedWriterService } from '../../feed/feed-writer.service';
import { AppConfig } from '../../infra/config/app-config';

export interface RebuiltFeed {
  userId: string;
  records: number;
}

/**
 * Rebuilds feeds from Postgres with the read path's own FeedWriterService (a merge, so a fan-out landing
 * meanwhile is kept), and pages through the readers to rebuild. Unlike a read, it leaves last_active_at alone.
 */
@Injectable()
export class FeedRebuilder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: FeedWriterService,
    private readonly config: AppConfig,
  ) {}

  async rebuild(userId: string): Promise<RebuiltFeed> {
    return { userId, records: await this.writer.rebuild(userId) };
  }

  /** The user's last activity, or null when there is no such user. */
  async lastActiveAt(userId: string): Promise<Date | null> {
    const rows: { last_active_at: Date }[] = await this.db.query('SELECT last_active_at FROM users WHERE id = $1', [userId]);
    return rows[0]?.last_active_at ?? null;
  }

  /** Readers seen since then are the ones fan-out writes to; the others are rebuilt when they next read. */
  activeSince(now = Date.now()): Date {
    return new Date(now - this.config.ACTIVE_DAYS * 86_400_000);
  }

  async countActive(since: Date, after: string): Promise<number> {
    const [row]: { n: number }[] = await this.db.query('SELECT count(*)::int AS n FROM users WHERE last_active_at >= $1 AND id > $2', [
      since,
      after,
    ]);
    return row.n;
  }

  /** One keyset page of active users, ascending by id. */
  async activeUsers(since: Date, after: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      // ORDER BY u.id, the bigint: a bare `id` would name the text column of the output and sort as text.
      'SELECT u.id::text AS id FROM users u WHERE u.last_active_at >= $1 AND u.id > $2 ORDER BY u.id LIMIT $3',
      [since, after, limit],
    );
    return rows.map((r) => r.id);
  }
}
