import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { JobProducer } from '../queues/job-producer.service';

const JOB_STATES = ['waiting', 'prioritized', 'waiting-children', 'delayed', 'active', 'failed', 'completed'] as const;

// A scrape must not hang while Redis is down (BullMQ's connection retries forever): depths are then left out.
const QUEUE_COUNT_TIMEOUT_MS = 2000;

/**
 * This process's Prometheus registry and every series the service exports. One per app instance
 * (not prom-client's global registry), so tests can run several apps in one process.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'mynews_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern (unmatched URLs share the route "unmatched")',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly feedReadDuration = new Histogram({
    name: 'mynews_feed_read_duration_seconds',
    help: 'Time to build one feed page (GET /v1/feed), by mode',
    labelNames: ['mode'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly fanoutLag = new Histogram({
    name: 'mynews_fanout_lag_seconds',
    help: 'From the moment an article version was due for fan-out (published, or its scheduled publishedAt) to a chunk of its feeds being written',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
    registers: [this.registry],
  });

  readonly fanoutDeliveries = new Counter({
    name: 'mynews_fanout_deliveries_total',
    help: 'Feed entries written by fan-out (one per reader feed an article reached)',
    registers: [this.registry],
  });

  readonly alertsCreated = new Counter({
    name: 'mynews_alerts_created_total',
    help: 'Alerts created (one per reader and article)',
    registers: [this.registry],
  });

  readonly alertPushes = new Counter({
    name: 'mynews_alert_pushes_total',
    help: 'Web Push outcomes of alerts: sent, held_back (quiet hours, maxPerDay), failed (an attempt), subscription_removed (404/410)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'mynews_job_failures_total',
    help: 'Failed job attempts by queue and job name (a retried job counts once per failed attempt)',
    labelNames: ['queue', 'name'] as const,
    registers: [this.registry],
  });

  constructor(jobs: JobProducer) {
    new Gauge({
      name: 'mynews_queue_jobs',
      help: 'Jobs per queue and state, read from BullMQ at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          jobs.allQueues().map(async (queue) => {
            const counts = await withTimeout(queue.getJobCounts(...JOB_STATES), QUEUE_COUNT_TIMEOUT_MS).catch(() => null);
            for (const [state, count] of Object.entries(counts ?? {})) this.set({ queue: queue.name, state }, count);
          }),
        );
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Runs one feed read and records how long it took. */
  async timeFeedRead<T>(mode: string, read: () => Promise<T>): Promise<T> {
    const stop = this.feedReadDuration.startTimer({ mode });
    try {
      return await read();
    } finally {
      stop();
    }
  }

  /** The Prometheus text exposition of every series. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
