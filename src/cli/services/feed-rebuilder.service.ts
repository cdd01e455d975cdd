import { Injectable } from '@nestjs/common';
import { FeedWriterService } from '../../feed/feed-writer.service';
import { Clock } from '../../infra/clock/clock';
import { AppConfig } from '../../infra/config/app-config';
import { UsersRepository } from '../../users/users.repository';

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
    private readonly users: UsersRepository,
    private readonly writer: FeedWriterService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async rebuild(userId: string): Promise<RebuiltFeed> {
    return { userId, records: await this.writer.rebuild(userId) };
  }

  /** The user's last activity, or null when there is no such user. */
  lastActiveAt(userId: string): Promise<Date | null> {
    return this.users.lastActiveAt(userId);
  }

  /** Readers seen since then are the ones fan-out writes to; the others are rebuilt when they next read. */
  activeSince(now = this.clock.nowMs()): Date {
    return new Date(now - this.config.ACTIVE_DAYS * 86_400_000);
  }

  countActive(since: Date, after: string): Promise<number> {
    return this.users.countActive(since, after);
  }

  /** One keyset page of active users, ascending by id. */
  activeUsers(since: Date, after: string, limit: number): Promise<string[]> {
    return this.users.activeIds(since, after, limit);
  }
}
