import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { normalizePhrase } from '../feed-rules/muted-words';
import { Clock } from '../infra/clock/clock';
import { AppError, notFound, validationFailed } from '../infra/http/app-error';
import { isEntityId } from '../infra/http/entity-id';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { UsersRepository } from '../users/users.repository';
import type { MutedWordResponse } from './dto/muted-word.dto';
import { MutedWord, MutedWordsRepository } from './muted-words.repository';

export const MAX_MUTED_WORDS = 200;

const view = (w: MutedWord): MutedWordResponse => ({
  id: w.id,
  phrase: w.phrase,
  expiresAt: w.expiresAt?.toISOString() ?? null,
  createdAt: w.createdAt.toISOString(),
});

@Injectable()
export class MutedWordsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly words: MutedWordsRepository,
    private readonly users: UsersRepository,
    private readonly readerStates: ReaderStateService,
    private readonly clock: Clock,
  ) {}

  async list(userId: string): Promise<MutedWordResponse[]> {
    return (await this.words.listActive(userId, this.clock.now())).map(view);
  }

  /** 201 for a new phrase, 200 for one the reader already mutes (its expiry replaced). */
  async mute(
    userId: string,
    rawPhrase: string,
    expiresAtText: string | null | undefined,
  ): Promise<{ word: MutedWordResponse; created: boolean }> {
    const now = this.clock.now();
    const phrase = normalizePhrase(rawPhrase);
    const expiresAt = expiresAtText ? new Date(Date.parse(expiresAtText)) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime()) throw validationFailed('expiresAt', 'must be in the future');
    // Muted words ride in the reader state.
    return this.readerStates.changing(userId, () =>
      this.db.transaction(async (m) => {
        if (!(await this.users.lockForUpdate(m, userId)))
          throw new AppError(401, 'UNAUTHORIZED', 'The account of this token no longer exists.');
        const { word, created, count } = await this.words.upsert(m, userId, phrase, expiresAt, now);
        if (created && count > MAX_MUTED_WORDS)
          throw new AppError(409, 'MUTED_WORD_LIMIT', `You already mute ${MAX_MUTED_WORDS} words; delete one before adding another.`);
        return { word: view(word), created };
      }),
    );
  }

  async unmute(userId: string, id: string): Promise<void> {
    if (!isEntityId(id)) throw notFound('MUTED_WORD_NOT_FOUND', 'The muted word');
    const deleted = await this.readerStates.changing(userId, () => this.words.delete(userId, id));
    if (!deleted) throw notFound('MUTED_WORD_NOT_FOUND', 'The muted word');
  }
}
