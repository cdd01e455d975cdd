import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { createWorker } from '../../src/app.factory';
import type { AppConfig } from '../../src/infra/config/app-config';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { queuePrefix } from '../../src/infra/queues/queues.module';
import { cli, useCliEnv } from '../support/cli-runner';
import { eventually } from '../support/queues';
import { removeTestData, testConfig } from '../support/test-app';

describe('cli jobs:failed, jobs:retry and fanout:replay', () => {
  let config: AppConfig;
  let restoreEnv: () => void;
  let queue: Queue;
  let db: Client;

  beforeAll(async () => {
    config = testConfig();
    restoreEnv = useCliEnv(config);
    expect((await cli('seed')).exitCode).toBe(0);
    db = new Client({ connectionString: config.DATABASE_URL });
    await db.connect();
    queue = new Queue(QUEUE.fanout, { prefix: queuePrefix(config), connection: { url: config.REDIS_URL } });
  });

  afterAll(async () => {
    restoreEnv();
    await queue?.close();
    await db?.end();
    await removeTestData(config);
  });

  describe('failed jobs', () => {
    beforeAll(async () => {
      // Plans for an article id Postgres cannot parse: the real processor fails them, one attempt each.
      const worker: INestApplicationContext = await createWorker(config);
      try {
        for (const jobId of ['bad-plan-1', 'bad-plan-2']) {
          await queue.add('fanout.plan', { articleId: 'not-an-id', version: 1 }, { jobId, attempts: 1 });
        }
        await eventually(async () => (await queue.getFailedCount()) === 2);
      } finally {
        await worker.close();
      }
    });

    it('jobs:failed lists them as a table: id, name, attempts, timestamps and reason', async () => {
      const run = await cli('jobs:failed');
      expect(run.exitCode).toBe(0);
      expect(run.out).toContain('2 failed jobs in queue fanout:');
      expect(run.out).toMatch(/^id\s+name\s+attempts\s+timestamp\s+failedAt\s+failedReason$/m);
      for (const id of ['bad-plan-1', 'bad-plan-2']) {
        expect(run.out).toMatch(
          new RegExp(`^${id}\\s+fanout\\.plan\\s+1\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+\\S+Z\\s+.*invalid input syntax`, 'm'),
        );
      }
      const limited = await cli('jobs:failed', '--queue', 'fanout', '--limit', '1');
      expect(limited.out).toContain('2 failed jobs in queue fanout (showing 1):');
      expect(limited.out.match(/^bad-plan-\d/gm)).toHaveLength(1);
    });

    it('jobs:failed refuses an unknown queue and a bad limit', async () => {
      const queueRun = await cli('jobs:failed', '--queue', 'nope');
      expect(queueRun.exitCode).toBe(1);
      expect(queueRun.err).toContain('Allowed choices are fanout');
      const limitRun = await cli('jobs:failed', '--limit', '0');
      expect(limitRun.exitCode).toBe(1);
      expect(limitRun.err).toContain("option '--limit <n>' argument '0' is invalid");
    });

    it('jobs:retry --id moves one failed job back to waiting with fresh attempts; others stay failed', async () => {
      const run = await cli('jobs:retry', '--queue', 'fanout', '--id', 'bad-plan-1');
      expect(run.exitCode).toBe(0);
      expect(run.out).toContain('Job bad-plan-1 of queue fanout is waiting again.');
      const job = await queue.getJob('bad-plan-1');
      expect(await job!.getState()).toBe('waiting');
      expect(job!.attemptsMade).toBe(0);
      expect(await queue.getJobState('bad-plan-2')).toBe('failed');
      expect((await cli('jobs:failed')).out).toContain('1 failed job in queue fanout:');
    });

    it('jobs:retry --id refuses a job that is not failed or does not exist', async () => {
      const waiting = await cli('jobs:retry', '--queue', 'fanout', '--id', 'bad-plan-1');
      expect(waiting.exitCode).toBe(1);
      expect(waiting.err).toContain('error: job bad-plan-1 is waiting, not failed');
      const missing = await cli('jobs:retry', '--queue', 'fanout', '--id', 'no-such-job');
      expect(missing.exitCode).toBe(1);
      expect(missing.err).toContain('error: queue fanout has no job no-such-job');
      const noQueue = await cli('jobs:retry');
      expect(noQueue.exitCode).toBe(1);
      expect(noQueue.err).toContain("required option '--queue <name>' not specified");
    });

    it('jobs:retry without --id moves every failed job back', async () => {
      const run = await cli('jobs:retry', '--queue', 'fanout');
      expect(run.exitCode).toBe(0);
      expect(run.out).toContain('Moved 1 failed job of queue fanout back to waiting.');
      expect(await queue.getFailedCount()).toBe(0);
      expect(await queue.getJobState('bad-plan-2')).toBe('waiting');
      expect((await cli('jobs:failed')).out).toContain('No failed jobs in queue fanout.');
    });
  });

  describe('fanout:replay', () => {
    const articleId = async (headline: string): Promise<string> =>
      (await db.query(`SELECT id::text AS id FROM articles WHERE headline = $1`, [headline])).rows[0].id;

    it('enqueues a plan for the current version under a replay id of its own', async () => {
      const id = await articleId('US, China launch working group to address opioid crisis');
      await db.query(`UPDATE articles SET version = 3 WHERE id = $1`, [id]);

      const run = await cli('fanout:replay', '--article', id);

      expect(run.exitCode).toBe(0);
      const jobId = new RegExp(`Enqueued fanout\\.plan (replay\\.${id}\\.v3\\.\\d+) for article ${id} version 3\\.`).exec(run.out)?.[1];
      expect(jobId).toBeDefined();
      const job = await queue.getJob(jobId!);
      expect(job!.name).toBe('fanout.plan');
      expect(job!.data).toEqual({ articleId: id, version: 3 });
      expect(await job!.getState()).toBe('waiting');
    });

    it('refuses an unknown or retracted article and enqueues nothing', async () => {
      const before = await queue.getJobCountByTypes('waiting', 'delayed');
      const retracted = await articleId('Typhoon signal No 8 raised as storm nears Hong Kong');
      await db.query(`UPDATE articles SET status = 'retracted' WHERE id = $1`, [retracted]);

      const unknown = await cli('fanout:replay', '--article', '987654');
      expect(unknown.exitCode).toBe(1);
      expect(unknown.err).toContain('error: there is no article with id 987654');
      const gone = await cli('fanout:replay', '--article', retracted);
      expect(gone.exitCode).toBe(1);
      expect(gone.err).toContain(`error: article ${retracted} is retracted: only published articles are fanned out`);
      const notAnId = await cli('fanout:replay', '--article', '01');
      expect(notAnId.exitCode).toBe(1);
      expect(await queue.getJobCountByTypes('waiting', 'delayed')).toBe(before);
    });
  });
});
