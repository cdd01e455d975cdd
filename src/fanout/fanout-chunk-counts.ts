import { Injectable } from '@nestjs/common';
import { FanoutWatermarksRepository } from '../feed/fanout-watermarks.repository';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Counts applied chunks in Postgres (the fan-out watermark, docs/feed.md), one statement for all the chunks this
 * process applied while the previous statement was committing. A statement per chunk queued on the bucket's row
 * lock and held the chunk's job slot about as long as its Redis write. The first count goes out at once (no timer);
 * each count resolves only when the statement carrying it has committed, so a job still completes after its count.
 */
@Injectable()
export class FanoutChunkCounts {
  private pending = new Map<number, number>();
  private waiters: Waiter[] = [];
  private flushing = false;

  constructor(private readonly watermarks: FanoutWatermarksRepository) {}

  count(bucket: number): Promise<void> {
    this.pending.set(bucket, (this.pending.get(bucket) ?? 0) + 1);
    const counted = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) void this.flush();
    return counted;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.size) {
      const counts = this.pending;
      const waiters = this.waiters;
      this.pending = new Map();
      this.waiters = [];
      try {
        await this.watermarks.countChunks(counts);
        for (const w of waiters) w.resolve();
      } catch (error) {
        for (const w of waiters) w.reject(error);
      }
    }
    this.flushing = false;
  }
}
