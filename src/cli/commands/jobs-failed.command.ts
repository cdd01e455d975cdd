import { Option, type Command } from 'commander';
import { JobProducer } from '../../infra/queues/job-producer.service';
import { ALL_QUEUES, QUEUE, type QueueName } from '../../infra/queues/job-catalogue';
import { cliAction } from '../cli-action';
import { parseCount } from '../cli-options';
import { textTable } from '../text-table';

interface JobsFailedOptions {
  queue: QueueName;
  limit: number;
}

const REASON_MAX_CHARS = 100;

export function registerJobsFailedCommand(program: Command): void {
  program
    .command('jobs:failed')
    .description('list the failed jobs of a queue, newest failure first (BullMQ keeps them 14 days)')
    .addOption(new Option('--queue <name>', 'queue').choices(ALL_QUEUES).default(QUEUE.fanout))
    .addOption(new Option('--limit <n>', 'at most this many jobs (1..1000)').argParser(parseCount(1, 1000)).default(50))
    .action(
      cliAction(async (context, options: JobsFailedOptions) => {
        const services = await context.services({ database: false });
        const queue = services.get(JobProducer).queue(options.queue);
        const total = await queue.getFailedCount();
        if (!total) {
          console.log(`No failed jobs in queue ${options.queue}.`);
          return;
        }
        const jobs = (await queue.getFailed(0, options.limit - 1)).filter((job) => job !== undefined && job !== null);
        const rows = jobs.map((job) => [
          String(job.id),
          job.name,
          String(job.attemptsMade),
          new Date(job.timestamp).toISOString(),
          job.finishedOn ? new Date(job.finishedOn).toISOString() : '',
          oneLine(job.failedReason ?? ''),
        ]);
        console.log(
          `${total} failed job${total === 1 ? '' : 's'} in queue ${options.queue}` +
            (total > jobs.length ? ` (showing ${jobs.length}):` : ':'),
        );
        console.log(textTable(['id', 'name', 'attempts', 'timestamp', 'failedAt', 'failedReason'], rows));
        console.log(`Retry with: npm run cli -- jobs:retry --queue ${options.queue} [--id <jobId>]`);
      }),
    );
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > REASON_MAX_CHARS ? `${flat.slice(0, REASON_MAX_CHARS - 1)}…` : flat;
}
