import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { JobName, JobPayloads, QUEUE, QUEUE_OF, QueueName } from './job-catalogue';

const DEFAULT_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 3600, count: 10_000 },
  // Failed jobs stay for inspection (jobs:failed, the dashboard), bounded so Redis cannot fill up.
  removeOnFail: { age: 14 * 86400, count: 50_000 },
};

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

  constructor(@InjectQueue(QUEUE.fanout) fanout: Queue) {
    this.queues = new Map<QueueName, Queue>([[QUEUE.fanout, fanout]]);
  }

  queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  allQueues(): Queue[] {
    return [...this.queues.values()];
  }

  async enqueue<N extends JobName>(job: Enqueue<N>): Promise<void> {
    await this.queue(QUEUE_OF[job.name]).add(job.name, job.payload, {
      ...DEFAULT_OPTIONS,
      jobId: job.jobId,
      delay: job.delayMs && job.delayMs > 0 ? job.delayMs : undefined,
    });
  }

  async enqueueMany<N extends JobName>(jobs: Enqueue<N>[]): Promise<void> {
    if (!jobs.length) return;
    const byQueue = new Map<QueueName, Enqueue<N>[]>();
    for (const job of jobs) byQueue.set(QUEUE_OF[job.name], [...(byQueue.get(QUEUE_OF[job.name]) ?? []), job]);
    for (const [queue, list] of byQueue) {
      await this.queue(queue).addBulk(list.map((j) => ({ name: j.name, data: j.payload, opts: { ...DEFAULT_OPTIONS, jobId: j.jobId } })));
    }
  }
}
