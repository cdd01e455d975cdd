import type { Command } from 'commander';
import { runSeed, type SeedSummary } from '../../../seeds/run-seed';
import { DEMO_PASSWORD, SEED_USERS } from '../../../seeds/users';
import { cliAction } from '../cli-action';
import { refuseDemoAccountsInProduction } from '../demo-accounts';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('load the seed topics, sample articles and demo users (idempotent; refused in production)')
    .action(
      cliAction(async (context) => {
        refuseDemoAccountsInProduction(context.config, 'seed');
        const summary = await runSeed(await context.dataSource());
        console.log(formatSummary(summary, context.config.DATABASE_URL));
      }),
    );
}

function formatSummary(s: SeedSummary, databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return [
    `Seeded ${url.host}${url.pathname}:`,
    `  topics    ${s.topics.created} created, ${s.topics.updated} updated, ${s.topics.unchanged} unchanged`,
    `  users     ${s.users.created} created, ${s.users.existing} already there`,
    `  follows   ${s.follows.created} created`,
    `  articles  ${s.articles.created} created, ${s.articles.existing} already there`,
    `Demo accounts (demo only), password "${DEMO_PASSWORD}": ${SEED_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}`,
  ].join('\n');
}
