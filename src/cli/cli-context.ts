import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../infra/config/app-config';
import { dataSourceOptions } from '../infra/database/data-source-options';
import { prepareDatabase } from '../infra/database/prepare-database';
import { CliModule, type CliNeeds } from './cli.module';
import { ensureReachable } from '../infra/preflight';

/** What a command may need, opened on first use and closed by close(). */
export class CliContext {
  private dataSourceOpening?: Promise<DataSource>;
  private servicesOpening?: Promise<INestApplicationContext>;
  private readonly closers: (() => Promise<unknown>)[] = [];

  constructor(readonly config: AppConfig) {}

  /** The database, created and migrated if needed (like the app does at start-up). */
  dataSource(): Promise<DataSource> {
    this.dataSourceOpening ??= this.openDataSource();
    return this.dataSourceOpening;
  }

  /**
   * The app's own services (feed store and source, job producer) in a Nest context without HTTP
   * or workers. Checks first, with short timeouts, that what they need answers.
   */
  services(needs: CliNeeds): Promise<INestApplicationContext> {
    this.servicesOpening ??= this.openServices(needs);
    return this.servicesOpening;
  }

  /** Runs `close` when the command ends, however it ends. */
  onClose(close: () => Promise<unknown>): void {
    this.closers.push(close);
  }

  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close().catch(() => undefined);
    this.closers.length = 0;
  }

  private async openDataSource(): Promise<DataSource> {
    await prepareDatabase(this.config.DATABASE_URL);
    const dataSource = new DataSource(dataSourceOptions(this.config.DATABASE_URL));
    await dataSource.initialize();
    this.closers.push(() => dataSource.destroy());
    return dataSource;
  }

  private async openServices(needs: CliNeeds): Promise<INestApplicationContext> {
    await ensureReachable(this.config, { postgres: needs.database, redis: true });
    if (needs.database) await prepareDatabase(this.config.DATABASE_URL);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(this.config, needs), { logger: ['error', 'warn'] });
    this.closers.push(() => app.close());
    return app;
  }
}
