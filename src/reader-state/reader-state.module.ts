import { Global, Module } from '@nestjs/common';
import { FeedStoreModule } from '../feed/feed-store.module';
import { ReaderStateRepository } from './reader-state.repository';
import { ReaderStateService } from './reader-state.service';
import { ReaderStateStore } from './reader-state.store';

/** Global: every feature that changes a reader's state (follows, mutes, signals, users, logins) invalidates it. */
@Global()
@Module({
  imports: [FeedStoreModule],
  providers: [ReaderStateRepository, ReaderStateStore, ReaderStateService],
  exports: [ReaderStateService, ReaderStateStore],
})
export class ReaderStateModule {}
