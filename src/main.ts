import { createApp } from './app.factory';
import { loadConfig } from './infra/config/app-config';
import { ensureReachable } from './infra/preflight';
import { exitWithStartupError } from './infra/startup-error';

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureReachable(config, { postgres: true, redis: true });
  const apiOnly = process.argv.includes('--api-only');
  const app = await createApp(config, { workers: !apiOnly });
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
}

main().catch(exitWithStartupError);
