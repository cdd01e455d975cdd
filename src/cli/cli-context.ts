import { DataSource } from 'typeorm';
import type { AppConfig } from '../infra/config/app-config';
import { dataSourceOptions } from '../infra/database/data-source-options';
import { prepareDatabase } from '../infra/database/prepare-database';

/** What a command may need, opened on first use and closed by close(). */
export class CliContext {
  private dataSourceOpening?: Promise<DataSource>;
  private readonly closers: (() => Promise<unknown>)[] = [];

  constructor(readonly config: AppConfig) {}

  /** The database, created and migrated if needed (like the app does at start-up). */
  dataSource(): Promise<DataSource> {
    this.dataSourceOpening ??= this.openDataSource();
    return this.dataSourceOpening;
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
}
