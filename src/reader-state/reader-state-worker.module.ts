import { Module } from '@nestjs/common';
import { ReaderStateRepairSweep } from './reader-state-repair-sweep';
import { ReaderStateUpkeepProcessor } from './reader-state-upkeep.processor';
import { ReaderStateModule } from './reader-state.module';

/** The reader-state feature's consumers: loaded only by worker processes. */
@Module({
  imports: [ReaderStateModule],
  providers: [ReaderStateRepairSweep, ReaderStateUpkeepProcessor],
  exports: [ReaderStateRepairSweep],
})
export class ReaderStateWorkerModule {}
