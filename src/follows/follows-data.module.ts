import { Module } from '@nestjs/common';
import { FollowsRepository } from './follows.repository';
import { MutesRepository } from './mutes.repository';

/** The follows and mutes tables, with no feature dependencies: the feed, fan-out and live events read them. */
@Module({ providers: [FollowsRepository, MutesRepository], exports: [FollowsRepository, MutesRepository] })
export class FollowsDataModule {}
