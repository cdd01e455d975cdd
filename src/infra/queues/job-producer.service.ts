import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { JobName, JobPayloads, PeriodicJobName, QUEUE, QUEUE_OF, QueueName } from './job-catalogue';
import { JOB_ATTEMPTS, RETRY_BACKOFF_TYPE } from './job-retry-policy';

/** The options of every job: retries that outlast an hour's outage (job-retry-policy.ts), bounded history. */
export function jobOptions(jobId: string, delayMs?: number): JobsOptions {
  return {
    attempts: JOB_ATTEMPTS,
    backoff: { type: RETRY_BACKOFF_TYPE },
    removeOnComplete: { age: 3600, count: 10_000 },
    // Failed jobs stay for inspection (jobs:failed, the dashboard), bounded so Redis cannot fill up.
    removeOnFail: { age: 14 * 86400, count: 50_000 },
    jobId,
    delay: delayMs && delayMs > 0 ? delayMs : undefined,
  };
}

export interface Enqueue<N extends JobName> {
  name: N;
  payload: JobPayloads[N];
  /** Deterministic: a second enqueue of the same id is a no-op while the first job is kept. */
  jobId: string;
  delayMs?: number;
}

/** The only door to the queues: owns job options and deterministic ids. */
@Injectable()
export class JobProducer {
  private readonly queues: Map<QueueName, Queue>;

  constructor(
    @InjectQueue(QUEUE.fanout) fanout: Queue,
    @InjectQueue(QUEUE.fanoutUpkeep) fanoutUpkeep: Queue,
    @InjectQueue(QUEUE.signalsUpkeep) signalsUpkeep: Queue,
    @InjectQueue(QUEUE.readerStateUpkeep) readerStateUpkeep: Queue,
    @InjectQueue(QUEUE.alerts) alerts: Queue,
    @InjectQueue(QUEUE.alertsPush) alertsPush: Queue,
  ) {
    this.queues = new Map<QueueName, Queue>([
      [QUEUE.fanout, fanout],
      [QUEUE.fanoutUpkeep, fanoutUpkeep],
      [QUEUE.signalsUpkeep, signalsUpkeep],
      [QUEUE.readerStateUpkeep, readerStateUpkeep],
      [QUEUE.alerts, alerts],
      [QUEUE.alertsPush, alertsPush],
    ]);
  }

  queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  allQueues(): Queue[] {
    return [...this.queues.values()];
  }

  async enqueue<N extends JobName>(job: Enqueue<N>): Promise<void> {
    await this.queue(QUEUE_OF[job.name]).add(job.name, job.payload, jobOptions(job.jobId, job.delayMs));
  }

  async enqueueMany<N extends JobName>(jobs: Enqueue<N>[]): Promise<void> {
    if (!jobs.length) return;
    const byQueue = new Map<QueueName, Enqueue<N>[]>();
    for (const job of jobs) byQueue.set(QUEUE_OF[job.name], [...(byQueue.get(QUEUE_OF[job.name]) ?? []), job]);
    for (const [queue, list] of byQueue) {
      await this.queue(queue).addBulk(list.map((j) => ({ name: j.name, data: j.payload, opts: jobOptions(j.jobId, j.delayMs) })));
    }
  }

  /** The job kept under this id, if any (waiting, delayed, active, completed within the hour, or failed). */
  async find<N extends JobName>(name: N, jobId: string): Promise<Job | undefined> {
    return this.queue(QUEUE_OF[name]).getJob(jobId);
  }

  /** A periodic job of a payload-less name, every `everyMs`; idempotent, so every worker may call it at start. */
  async schedule(name: PeriodicJobName, everyMs: number): Promise<void> {
    await this.queue(QUEUE_OF[name]).upsertJobScheduler(
      name,
      { every: everyMs },
      { name, data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } },
    );
  }
}
