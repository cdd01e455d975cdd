import { DynamicModule, Module } from '@nestjs/common';
import { AlertsWorkerModule } from './alerts/alerts-worker.module';
import { infraImports } from './app.module';
import { FanoutWorkerModule } from './fanout/fanout-worker.module';
import { AppConfig } from './infra/config/app-config';
import { ReaderStateWorkerModule } from './reader-state/reader-state-worker.module';
import { SignalsWorkerModule } from './signals/signals-worker.module';

/** The queue consumers; only this module registers processors. */
@Module({ imports: [FanoutWorkerModule, SignalsWorkerModule, ReaderStateWorkerModule, AlertsWorkerModule] })
export class ProcessorsModule {}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [...infraImports(config), ProcessorsModule] };
  }
}
