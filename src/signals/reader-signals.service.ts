import { Injectable } from '@nestjs/common';
import { ArticlesRepository } from '../articles/articles.repository';
import { Clock } from '../infra/clock/clock';
import { decayAffinity } from '../ranking/affinity';
import { RankingParameters } from '../ranking/ranking-parameters';
import { HidesRepository } from './hides.repository';
import { ReaderSignalsRepository } from './reader-signals.repository';

export interface FeedSignals {
  /** Articles (of those asked about) the reader hid: never shown again. */
  hidden: Set<number>;
  /** Articles (of those asked about) the reader opened: demoted in the ranked re-rank. */
  opened: Set<number>;
  /** Every topic affinity of the reader, decayed to now. */
  affinities: Map<string, number>;
}

/** What the feed's read path needs of a reader's signals, in one query. */
@Injectable()
export class ReaderSignalsService {
  constructor(
    private readonly repository: ReaderSignalsRepository,
    private readonly hides: HidesRepository,
    private readonly articles: ArticlesRepository,
    private readonly ranking: RankingParameters,
    private readonly clock: Clock,
  ) {}

  /** `withRanking` false (latest mode) loads the hides only. */
  async forFeed(userId: string, articleIds: number[], withRanking: boolean): Promise<FeedSignals> {
    let min = Infinity;
    let max = 0;
    for (const id of articleIds) {
      if (id < min) min = id;
      if (id > max) max = id;
    }
    const rows = await this.repository.inRange(userId, max ? min : 1, max, withRanking);
    const signals: FeedSignals = { hidden: new Set(), opened: new Set(), affinities: new Map() };
    const now = this.clock.nowMs();
    for (const r of rows) {
      if (r.kind === 'hidden') signals.hidden.add(Number(r.id));
      else if (r.kind === 'opened') signals.opened.add(Number(r.id));
      else signals.affinities.set(r.id, decayAffinity(r.score, r.updated_at.getTime(), now, this.ranking.affinity));
    }
    return signals;
  }

  hiddenAmong(userId: string, articleIds: string[]): Promise<Set<string>> {
    return this.hides.hiddenAmong(userId, articleIds);
  }

  /** Topic ids of articles in display order, for weighing records written by a rebuild. */
  articleTopics(articleIds: string[]): Promise<Map<string, string[]>> {
    return this.articles.topicIdsOfMany(articleIds);
  }
}
