import { Global, Module } from '@nestjs/common';
import { AuthDataModule } from '../auth/auth-data.module';
import { FeedStoreModule } from '../feed/feed-store.module';
import { FollowsDataModule } from '../follows/follows-data.module';
import { MarkersDataModule } from '../markers/markers-data.module';
import { MutedWordsDataModule } from '../muted-words/muted-words-data.module';
import { SignalsDataModule } from '../signals/signals-data.module';
import { UsersDataModule } from '../users/users-data.module';
import { ReaderStateRepairsRepository } from './reader-state-repairs.repository';
import { ReaderStateRepository } from './reader-state.repository';
import { ReaderStateService } from './reader-state.service';
import { ReaderStateStore } from './reader-state.store';

/** Global: every feature that changes a reader's state (follows, mutes, signals, users, logins) goes through `changing`. */
@Global()
@Module({
  imports: [
    FeedStoreModule,
    UsersDataModule,
    FollowsDataModule,
    SignalsDataModule,
    AuthDataModule,
    MutedWordsDataModule,
    MarkersDataModule,
  ],
  providers: [ReaderStateRepository, ReaderStateRepairsRepository, ReaderStateStore, ReaderStateService],
  exports: [ReaderStateService, ReaderStateStore, ReaderStateRepairsRepository],
})
export class ReaderStateModule {}
