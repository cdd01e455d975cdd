import { Option, type Command } from 'commander';
import type { Job, Queue } from 'bullmq';
import { JobProducer } from '../../infra/queues/job-producer.service';
import { ALL_QUEUES, type QueueName } from '../../infra/queues/job-catalogue';
import { cliAction } from '../cli-action';
import { CliError } from '../cli-error';

interface JobsRetryOptions {
  queue: QueueName;
  id?: string;
}

// A retried job starts its attempts (and backoff) afresh, as if just enqueued.
const RETRY_OPTIONS = { resetAttemptsMade: true, resetAttemptsStarted: true };

export function registerJobsRetryCommand(program: Command): void {
  program
    .command('jobs:retry')
    .description('move failed jobs of a queue back to waiting, with fresh attempts: one (--id) or all of them')
    .addOption(new Option('--queue <name>', 'queue').choices(ALL_QUEUES).makeOptionMandatory())
    .option('--id <jobId>', 'only this job (see jobs:failed)')
    .action(
      cliAction(async (context, options: JobsRetryOptions) => {
        const services = await context.services({ database: false });
        const queue = services.get(JobProducer).queue(options.queue);
        if (options.id !== undefined) {
          await retryOne(queue, options.id);
          console.log(`Job ${options.id} of queue ${options.queue} is waiting again.`);
          return;
        }
        const retried = await retryAll(queue);
        console.log(`Moved ${retried} failed job${retried === 1 ? '' : 's'} of queue ${options.queue} back to waiting.`);
      }),
    );
}

async function retryOne(queue: Queue, id: string): Promise<void> {
  const job = await queue.getJob(id);
  if (!job) throw new CliError(`queue ${queue.name} has no job ${id}`);
  const state = await job.getState();
  if (state !== 'failed') throw new CliError(`job ${id} is ${state}, not failed`);
  await job.retry('failed', RETRY_OPTIONS);
}

/** The failed set as it is now, so jobs that fail again meanwhile are not retried in a loop. */
async function retryAll(queue: Queue): Promise<number> {
  const ids = await queue.getRanges(['failed'], 0, -1, true);
  let retried = 0;
  for (const id of ids) {
    const job: Job | undefined = await queue.getJob(id);
    if (!job || (await job.getState()) !== 'failed') continue; // retried or removed meanwhile
    try {
      await job.retry('failed', RETRY_OPTIONS);
      retried++;
    } catch (error) {
      if ((await job.getState()) === 'failed') throw error;
    }
  }
  return retried;
}
