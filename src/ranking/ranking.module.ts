import { Module } from '@nestjs/common';
import { RankingParameters } from './ranking-parameters';

/** Scoring, affinities and the re-rank are pure functions; this module only provides their parameters. */
@Module({ providers: [RankingParameters], exports: [RankingParameters] })
export class RankingModule {}
