import { createWorker } from './app.factory';
import { loadConfig } from './infra/config/app-config';
import { ensureReachable } from './infra/preflight';
import { WorkerMetricsServer } from './infra/metrics/worker-metrics.server';
import { exitWithStartupError } from './infra/startup-error';

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureReachable(config, { postgres: true, redis: true });
  const worker = await createWorker(config);
  await worker.get(WorkerMetricsServer).listen();
}

main().catch(exitWithStartupError);
