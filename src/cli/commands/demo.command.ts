import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Command } from 'commander';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { dropSeedStoryCaches } from '../../../seeds/drop-story-caches';
import { runSeed } from '../../../seeds/run-seed';
import { DEMO_PASSWORD, SEED_USERS } from '../../../seeds/users';
import { createApp } from '../../app.factory';
import { AppConfig, loadConfig } from '../../infra/config/app-config';
import { dataSourceOptions } from '../../infra/database/data-source-options';
import { prepareDatabase } from '../../infra/database/prepare-database';
import { cliAction } from '../cli-action';
import { refuseDemoAccountsInProduction } from '../demo-accounts';
import { CliError } from '../cli-error';
import { DemoClient } from '../demo/demo-client';
import { demoReport } from '../demo/demo-report';
import { ensureReachable } from '../../infra/preflight';

const SAMPLE_SIZE = '10';
/** The demo's admin when ADMIN_EMAIL is unset: made at start-up by the admin bootstrap, never by the seed. */
export const DEMO_ADMIN_EMAIL = 'admin@mynews.local';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'first run: check Postgres and Redis, create + migrate + seed the database, start the API with workers, ' +
        'sign in as the demo reader and print a sample feed; serves until Ctrl-C',
    )
    .action(
      cliAction(async (context) => {
        refuseDemoAccountsInProduction(context.config, 'demo');
        const config = demoConfig(context.config);
        await ensureReachable(config, { postgres: true, redis: true });
        const database = new URL(config.DATABASE_URL).pathname.slice(1);
        console.log(`Postgres and Redis answer. Creating, migrating and seeding the database "${database}"...`);
        const seeded = await seed(config);
        console.log(`Seed data in place (new this time: ${seeded.articles.created} articles, ${seeded.users.created} users).`);

        const app = await createApp(config, { workers: true });
        context.onClose(() => app.close());
        const baseUrl = await listen(app, config.PORT);
        const client = new DemoClient(baseUrl);
        const reader = SEED_USERS[0].email;
        const token = await client.login(reader, DEMO_PASSWORD);
        const feed = await client.feed(token, { mode: 'latest', limit: SAMPLE_SIZE });
        console.log(demoReport(config, baseUrl, { email: reader, token }, feed));

        // Ctrl-C (or SIGTERM) runs the app's graceful shutdown (enableShutdownHooks), which closes the server.
        await new Promise((resolve) => app.getHttpServer().once('close', resolve));
        console.log('myNEWS demo stopped.');
      }),
    );
}

/**
 * Request logs would bury the summary: the demo logs warnings only, unless LOG_LEVEL says otherwise.
 * Without ADMIN_EMAIL it signs in an admin of its own with the demo password (it listens on loopback only).
 */
function demoConfig(config: AppConfig): AppConfig {
  const env = { ...process.env };
  env.LOG_LEVEL ||= 'warn';
  if (!config.ADMIN_EMAIL) Object.assign(env, { ADMIN_EMAIL: DEMO_ADMIN_EMAIL, ADMIN_PASSWORD: DEMO_PASSWORD });
  return loadConfig(env);
}

async function seed(config: AppConfig) {
  await prepareDatabase(config.DATABASE_URL);
  const dataSource = new DataSource(dataSourceOptions(config.DATABASE_URL));
  await dataSource.initialize();
  try {
    const summary = await runSeed(dataSource);
    await dropSeedStoryCaches(config);
    return summary;
  } finally {
    await dataSource.destroy();
  }
}

/** Loopback only: every demo account shares a published password. */
async function listen(app: NestFastifyApplication, port: number): Promise<string> {
  try {
    await app.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new CliError(`port ${port} (PORT) is in use: stop what listens there, or run e.g. PORT=${port + 1} npm run demo`);
    }
    throw error;
  }
  const { port: actual } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${actual}`;
}
