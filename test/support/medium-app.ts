import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { FanoutChunkService } from '../../src/fanout/fanout-chunk.service';
import { FanoutPlannerService } from '../../src/fanout/fanout-planner.service';
import { FanoutWorkerModule } from '../../src/fanout/fanout-worker.module';
import { FanoutProcessor } from '../../src/fanout/fanout.processor';
import { FanoutUpkeepProcessor } from '../../src/fanout/fanout-upkeep.processor';
import { Clock } from '../../src/infra/clock/clock';
import type { JobName, JobPayloads } from '../../src/infra/queues/job-catalogue';
import { Enqueue, JobProducer } from '../../src/infra/queues/job-producer.service';
import { MediumDb, openMediumDb } from './medium-db';

/** A clock the test moves by hand. */
export class TestClock extends Clock {
  constructor(private ms = Date.now()) {
    super();
  }

  override nowMs(): number {
    return this.ms;
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Jobs kept in order instead of queued, so a test runs each through its service when it chooses. */
export class RecordedJobs {
  readonly jobs: (Enqueue<JobName> & { enqueuedAtMs: number })[] = [];

  constructor(private readonly clock: Clock) {}

  enqueue<N extends JobName>(job: Enqueue<N>): Promise<void> {
    this.jobs.push({ ...(job as Enqueue<JobName>), enqueuedAtMs: this.clock.nowMs() });
    return Promise.resolve();
  }

  async enqueueMany<N extends JobName>(jobs: Enqueue<N>[]): Promise<void> {
    for (const job of jobs) await this.enqueue(job);
  }

  take(): (Enqueue<JobName> & { enqueuedAtMs: number })[] {
    return this.jobs.splice(0);
  }
}

export interface MediumApp extends MediumDb {
  app: INestApplicationContext;
  clock: TestClock;
  jobs: RecordedJobs;
  /** Runs every recorded job that is due on the test clock through its service, until none is left due. */
  runDueJobs(): Promise<void>;
}

/**
 * The app's services with their real repositories on real Postgres and Redis: no HTTP, no BullMQ workers
 * (jobs are recorded, see RecordedJobs), and a clock the test moves.
 */
export async function openMediumApp(env: Record<string, string> = {}): Promise<MediumApp> {
  const m = await openMediumDb(env);
  const clock = new TestClock();
  const jobs = new RecordedJobs(clock);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(m.config), FanoutWorkerModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(JobProducer)
    .useValue(jobs)
    .overrideProvider(FanoutProcessor)
    .useValue({})
    .overrideProvider(FanoutUpkeepProcessor)
    .useValue({})
    .compile();
  const app = await moduleRef.init();
  const planner = app.get(FanoutPlannerService);
  const chunks = app.get(FanoutChunkService);
  const runDueJobs = async () => {
    for (;;) {
      const due = jobs.jobs.filter((j) => j.enqueuedAtMs + (j.delayMs ?? 0) <= clock.nowMs());
      if (!due.length) return;
      jobs.jobs.splice(0, jobs.jobs.length, ...jobs.jobs.filter((j) => !due.includes(j)));
      for (const job of due) {
        if (job.name === 'fanout.plan') await planner.plan(job.payload as JobPayloads['fanout.plan']);
        else if (job.name === 'fanout.chunk') await chunks.write(job.payload as JobPayloads['fanout.chunk']);
      }
    }
  };
  return {
    ...m,
    app,
    clock,
    jobs,
    runDueJobs,
    close: async () => {
      await app.close();
      await m.close();
    },
  };
}
