import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { FanoutWatermarksRepository } from './fanout-watermarks.repository';

// How stale the API's copy of the Postgres watermarks may be: a Redis rollback shows in reads at most this late.
export const WATERMARK_REFRESH_MS = 1000;

/**
 * The API's copy of the Postgres fan-out watermarks (chunks applied per bucket), read in the background so a
 * warm read sends Postgres nothing. Redis counts a chunk before Postgres does, so a copy that is a little old
 * only lowers what Redis must have: it can never make a complete feed look stale.
 */
@Injectable()
export class FanoutWatermarks implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(FanoutWatermarks.name);
  private counts = new Map<number, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly repository: FanoutWatermarksRepository) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), WATERMARK_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Chunks Postgres knows were applied to the bucket. */
  of(bucket: number): number {
    return this.counts.get(bucket) ?? 0;
  }

  private async refresh(): Promise<void> {
    try {
      this.counts = await this.repository.all();
    } catch (error) {
      this.logger.warn(`fan-out watermarks not refreshed: ${(error as Error).message}`);
    }
  }
}
