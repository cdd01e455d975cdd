import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { initializeWithClientErrorsHandled } from './pooled-client-errors';

/** Postgres, the source of truth. Migrations were applied by prepareDatabase() before boot. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => dataSourceOptions(config.DATABASE_URL, { serving: true, replicaUrl: config.DATABASE_REPLICA_URL }),
      dataSourceFactory: (options) => initializeWithClientErrorsHandled(options!),
    }),
  ],
})
export class DatabaseModule {}
