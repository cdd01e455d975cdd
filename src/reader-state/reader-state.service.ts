import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../infra/config/app-config';
import { isEntityId } from '../infra/http/entity-id';
import { decodeReaderState, encodeReaderState, NO_ACCOUNT, ReaderState } from './reader-state';
import { ReaderStateRepository } from './reader-state.repository';
import { ReaderStateStore } from './reader-state.store';

/**
 * Reader state with Postgres as the source of truth and a Redis copy for reads. Writers commit to Postgres,
 * then call `invalidate`; a missing copy is read from Postgres on the next use. A copy is trusted for at most
 * READER_STATE_MAX_AGE_SECONDS after it was read, and refreshed in the background past half of that, so an
 * invalidation lost to a Redis failure shows at most that late (docs/feed.md).
 */
@Injectable()
export class ReaderStateService {
  private readonly logger = new Logger(ReaderStateService.name);
  private readonly maxAgeMs: number;
  private readonly endedWithinSeconds: number;
  private readonly refreshing = new Set<string>();

  constructor(
    private readonly store: ReaderStateStore,
    private readonly repository: ReaderStateRepository,
    config: AppConfig,
  ) {
    this.maxAgeMs = config.READER_STATE_MAX_AGE_SECONDS * 1000;
    // An ended login matters while access tokens issued before its end may still be presented.
    this.endedWithinSeconds = config.JWT_ACCESS_TTL_SECONDS + 60;
  }

  /** The reader's state; `stored` is what a caller's own script already read from Redis. */
  async get(userId: string, stored?: { generation: string; state: string | null }): Promise<ReaderState> {
    if (!isEntityId(userId)) return { ...NO_ACCOUNT, loadedAt: Date.now() };
    const { generation, state: raw } = stored ?? (await this.store.read(userId));
    const state = raw === null ? null : decodeReaderState(raw);
    const age = state ? Date.now() - state.loadedAt : Infinity;
    if (state && age < this.maxAgeMs) {
      if (age > this.maxAgeMs / 2) this.refreshInBackground(userId, generation);
      return state;
    }
    return this.load(userId, generation);
  }

  /** Call after committing a change to anything in the reader state. Never throws: the bound covers a lost call. */
  async invalidate(userId: string): Promise<void> {
    try {
      await this.store.invalidate(userId);
    } catch (error) {
      this.logger.warn(`reader state of ${userId} not invalidated (${(error as Error).message}); it expires within the bound`);
    }
  }

  private async load(userId: string, generation: string): Promise<ReaderState> {
    const state = await this.repository.load(userId, this.endedWithinSeconds);
    await this.store.save(userId, generation, encodeReaderState(state), state.version);
    return state;
  }

  private refreshInBackground(userId: string, generation: string): void {
    if (this.refreshing.has(userId)) return;
    this.refreshing.add(userId);
    this.load(userId, generation)
      .catch((error: Error) => this.logger.warn(`reader state of ${userId} not refreshed: ${error.message}`))
      .finally(() => this.refreshing.delete(userId));
  }
}
