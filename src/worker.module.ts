import { DynamicModule, Module } from '@nestjs/common';
import { AlertsWorkerModule } from './alerts/alerts-worker.module';
import { infraImports } from './app.module';
import { FanoutWorkerModule } from './fanout/fanout-worker.module';
import { AppConfig } from './infra/config/app-config';
import { SignalsWorkerModule } from './signals/signals-worker.module';

/** The queue consumers; only this module registers processors. */
@Module({ imports: [FanoutWorkerModule, SignalsWorkerModule, AlertsWorkerModule] })
export class ProcessorsModule {}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [...infraImports(config), ProcessorsModule] };
  }
}
