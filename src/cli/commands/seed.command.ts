import type { Command } from 'commander';
import { dropSeedStoryCaches } from '../../../seeds/drop-story-caches';
import { runSeed, type SeedSummary } from '../../../seeds/run-seed';
import { DEMO_PASSWORD, SEED_USERS } from '../../../seeds/users';
import { cliAction } from '../cli-action';
import { refuseDemoAccountsInProduction } from '../demo-accounts';
import { ensureReachable } from '../../infra/preflight';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description(
      "load the seed topics, sample articles and demo users, and drop the seed stories' cached members (idempotent; refused in production)",
    )
    .action(
      cliAction(async (context) => {
        refuseDemoAccountsInProduction(context.config, 'seed');
        // Redis first: the seed must be able to drop the story caches it makes stale.
        await ensureReachable(context.config, { postgres: false, redis: true });
        const summary = await runSeed(await context.dataSource());
        const stories = await dropSeedStoryCaches(context.config);
        console.log(formatSummary(summary, stories, context.config.DATABASE_URL));
      }),
    );
}

function formatSummary(s: SeedSummary, stories: number, databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return [
    `Seeded ${url.host}${url.pathname}:`,
    `  topics    ${s.topics.created} created, ${s.topics.updated} updated, ${s.topics.unchanged} unchanged`,
    `  users     ${s.users.created} created, ${s.users.existing} already there`,
    `  follows   ${s.follows.created} created`,
    `  articles  ${s.articles.created} created, ${s.articles.existing} already there`,
    `  stories   ${stories} cached member lists dropped (Redis)`,
    `Demo accounts (demo only), password "${DEMO_PASSWORD}": ${SEED_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}`,
  ].join('\n');
}
