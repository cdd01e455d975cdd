import { DynamicModule, Module } from '@nestjs/common';
import { AlertsWorkerModule } from './alerts/alerts-worker.module';
import { infraImports } from './app.module';
import { FanoutWorkerModule } from './fanout/fanout-worker.module';
import { AppConfig } from './infra/config/app-config';

/** The queue consumers; only this module registers processors. */
@Module({ imports: [FanoutWorkerModule, AlertsWorkerModule] })
export class ProcessorsModule {}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [...infraImports(config), ProcessorsModule] };
  }
}
