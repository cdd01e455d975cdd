import { Injectable } from '@nestjs/common';
import { AppConfig } from '../infra/config/app-config';

export interface RankingParams {
  /** Seconds for an article's weight to fall by a factor e. */
  tauSeconds: number;
  breakingBoost: number;
}

/** How a reader's signals become per-topic affinities (log-space weights, 0 = the follow alone). */
export interface AffinityParams {
  halfLifeSeconds: number;
  cap: number;
  floor: number;
  open: number;
  dwellPerMinute: number;
  dwellMaxMinutes: number;
  save: number;
  share: number;
  lessLikeThis: number;
}

/** The read-time re-rank of the top of a ranked feed. */
export interface RerankParams {
  window: number;
  /** An article the reader already opened loses this factor of weight. */
  openedDemotion: number;
  /** At most this many items in a row share a primary topic while another topic is available. */
  maxRun: number;
}

export interface PersonalRanking {
  ranking: RankingParams;
  affinity: AffinityParams;
  rerank: RerankParams;
}

export function personalRankingFrom(config: AppConfig): PersonalRanking {
  return {
    ranking: { tauSeconds: config.RANK_TAU_SECONDS, breakingBoost: config.RANK_BREAKING_BOOST },
    affinity: {
      halfLifeSeconds: config.RANK_AFFINITY_HALF_LIFE_HOURS * 3600,
      cap: config.RANK_AFFINITY_CAP,
      floor: config.RANK_AFFINITY_FLOOR,
      open: config.RANK_SIGNAL_OPEN,
      dwellPerMinute: config.RANK_SIGNAL_DWELL_PER_MINUTE,
      dwellMaxMinutes: config.RANK_SIGNAL_DWELL_MAX_MINUTES,
      save: config.RANK_SIGNAL_SAVE,
      share: config.RANK_SIGNAL_SHARE,
      lessLikeThis: config.RANK_SIGNAL_LESS_LIKE_THIS,
    },
    rerank: {
      window: config.RANK_RERANK_WINDOW,
      openedDemotion: config.RANK_OPENED_DEMOTION,
      maxRun: config.RANK_DIVERSITY_MAX_RUN,
    },
  };
}

/** The one provider of ranking parameters: built once from the validated config, injected wherever scores are made. */
@Injectable()
export class RankingParameters implements PersonalRanking {
  readonly ranking: RankingParams;
  readonly affinity: AffinityParams;
  readonly rerank: RerankParams;

  constructor(config: AppConfig) {
    ({ ranking: this.ranking, affinity: this.affinity, rerank: this.rerank } = personalRankingFrom(config));
  }
}
