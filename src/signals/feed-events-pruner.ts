import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../infra/clock/clock';
import { AppConfig } from '../infra/config/app-config';
import { FeedEventsRepository } from './feed-events.repository';

const BATCH = 5000;
// One run deletes at most this many batches, so a first run over years of events cannot hold a worker for long.
const MAX_BATCHES_PER_RUN = 200;

/**
 * Retention of raw feed events: rows received more than EVENTS_RETENTION_DAYS ago are deleted in
 * batches. What they taught (topic_affinities, reading_history, article_hides) stays.
 */
@Injectable()
export class FeedEventsPruner {
  private readonly logger = new Logger(FeedEventsPruner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly events: FeedEventsRepository,
    private readonly clock: Clock,
  ) {}

  async prune(now = this.clock.nowMs()): Promise<number> {
    const cutoff = new Date(now - this.config.EVENTS_RETENTION_DAYS * 86_400_000);
    let deleted = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const gone = await this.events.deleteReceivedBefore(this.db, cutoff, BATCH);
      deleted += gone;
      if (gone < BATCH) break;
    }
    if (deleted) this.logger.log({ deleted, before: cutoff.toISOString() }, 'feed events pruned');
    return deleted;
  }
}
