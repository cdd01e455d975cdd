import { createWorker } from './app.factory';
import { loadConfig } from './infra/config/app-config';
import { WorkerMetricsServer } from './infra/metrics/worker-metrics.server';
import { exitWithStartupError } from './infra/startup-error';

async function main(): Promise<void> {
  const worker = await createWorker(loadConfig());
  await worker.get(WorkerMetricsServer).listen();
}

main().catch(exitWithStartupError);
