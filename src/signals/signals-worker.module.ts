import { Module } from '@nestjs/common';
import { FeedEventsPruner } from './feed-events-pruner';
import { SignalsDataModule } from './signals-data.module';
import { SignalsUpkeepProcessor } from './signals-upkeep.processor';

/** The signals feature's consumers: loaded only by worker processes. */
@Module({
  imports: [SignalsDataModule],
  providers: [FeedEventsPruner, SignalsUpkeepProcessor],
  exports: [FeedEventsPruner],
})
export class SignalsWorkerModule {}
