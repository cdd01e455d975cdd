import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import webpush from 'web-push';
import { createApp } from '../../src/app.factory';
import { AccessTokenService } from '../../src/auth/access-token.service';
import { FeedKeys } from '../../src/feed/feed-keys';
import { AppConfig, loadConfig } from '../../src/infra/config/app-config';
import { dataSourceOptions } from '../../src/infra/database/data-source-options';
import { dropDatabase } from '../../src/infra/database/prepare-database';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
import { createRedisClient, isCluster, mastersOf, type RedisClient } from '../../src/infra/redis/redis';
import { CpuProbe } from './cpu-probe';
import type { BenchOptions } from './options';
import { WorkerPool, workerEnv } from './worker-pool';

const PG_BASE = 'postgres://postgres@127.0.0.1:5432';
const REDIS_BASE = 'redis://127.0.0.1:6379';
// Compiled layout: dist/bench/lib/bench-env.js; the script stays in the source tree.
const CLUSTER_SCRIPT = resolve(__dirname, '../../../scripts/redis-cluster.mjs');

/** A throwaway local cluster: its seed nodes and the dir its stop needs. */
interface LocalCluster {
  nodes: string;
  dir: string;
}

function startCluster(masters: number): LocalCluster {
  const out = execFileSync(process.execPath, [CLUSTER_SCRIPT, 'start', String(masters)], { encoding: 'utf8' });
  const read = (name: string) => {
    const value = new RegExp(`^${name}=(.+)$`, 'm').exec(out)?.[1];
    if (!value) throw new Error(`redis-cluster.mjs printed no ${name}: ${out}`);
    return value;
  };
  return { nodes: read('REDIS_CLUSTER_NODES'), dir: read('CLUSTER_DIR') };
}

function stopCluster(cluster: LocalCluster | undefined): void {
  if (!cluster) return;
  try {
    execFileSync(process.execPath, [CLUSTER_SCRIPT, 'stop', cluster.dir]);
  } catch (e) {
    console.error(`bench: stopping the cluster in ${cluster.dir} failed`, e);
  }
}

/**
 * Everything a scenario runs against: its own database and Redis db index, the API listening on
 * loopback, fan-out workers in child processes, an editor token, and a CPU probe.
 */
export class BenchEnv {
  readonly loadgenPids: number[] = [];
  readonly cpu: CpuProbe;
  private closed = false;

  private constructor(
    readonly options: BenchOptions,
    readonly config: AppConfig,
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
    /** A connection of the bench's own (not the app's), for setup, probes and baselines. */
    readonly redis: RedisClient,
    readonly workers: WorkerPool,
    readonly editorToken: string,
    private readonly cluster: LocalCluster | undefined,
  ) {
    const database = new URL(config.DATABASE_URL).pathname.slice(1);
    this.cpu = new CpuProbe(redis, database, () => ({ workers: workers.pids, loadgen: this.loadgenPids }));
  }

  static async open(options: BenchOptions, stamp: string): Promise<BenchEnv> {
    const vapid = webpush.generateVAPIDKeys();
    const cluster = options.clusterMasters ? startCluster(options.clusterMasters) : undefined;
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
      METRICS_TOKEN: randomBytes(16).toString('hex'),
      DATABASE_URL: `${PG_BASE}/mynews_bench_${stamp}`,
      REDIS_URL: `${REDIS_BASE}/${options.redisDb}`,
      REDIS_PREFIX: `bench${stamp}`,
      REDIS_CLUSTER_NODES: cluster?.nodes,
      WORKER_METRICS_PORT: '0',
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: 'mailto:bench@mynews.invalid',
      // Tunable for a run (the workers get it too), as in production.
      ALERT_CHUNK_SIZE: process.env.ALERT_CHUNK_SIZE,
      FANOUT_CHUNK_SIZE: process.env.FANOUT_CHUNK_SIZE,
      FANOUT_INLINE_FOLLOWERS: process.env.FANOUT_INLINE_FOLLOWERS,
    });
    // No per-command timeout on the bench's own connection: its setup batches (copies of full feeds, FLUSHDB)
    // take seconds on a loaded box.
    const redis = createRedisClient(config, { commandTimeout: undefined }, { name: 'bench' });
    if (!isCluster(redis)) await assertBenchDb(redis, options.redisDb); // a fresh cluster holds nothing else
    await flush(redis);
    let app: NestFastifyApplication | undefined;
    let workers: WorkerPool | undefined;
    try {
      app = await createApp(config, { workers: false });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.getHttpServer().address() as AddressInfo;
      const queue = app.get(JobProducer).queue(QUEUE.fanout);
      workers = new WorkerPool(workerEnv(config), queue);
      await workers.start(options.workers);
      const editorToken = await createEditor(app);
      const env = new BenchEnv(options, config, app, `http://127.0.0.1:${port}`, redis, workers, editorToken, cluster);
      await env.ready();
      return env;
    } catch (error) {
      await workers?.stop();
      await app?.close().catch(() => undefined);
      await cleanUp(config, redis);
      stopCluster(cluster);
      throw error;
    }
  }

  private setupDb?: DataSource;

  /**
   * The bench's own connection to the app's database, without the serving processes' 4 s statement and query
   * timeouts: inserting 100k-1M readers takes longer than that.
   */
  get db(): DataSource {
    if (!this.setupDb) {
      this.setupDb = new DataSource(dataSourceOptions(this.config.DATABASE_URL));
      this.setupReady = this.setupDb.initialize();
    }
    return this.setupDb;
  }

  private setupReady?: Promise<DataSource>;

  /** Opens the setup connection (call once before using `db`). */
  async ready(): Promise<void> {
    void this.db;
    await this.setupReady;
  }

  get feedKeys(): FeedKeys {
    return this.app.get(FeedKeys);
  }

  get queue(): Queue {
    return this.app.get(JobProducer).queue(QUEUE.fanout);
  }

  get tokens(): AccessTokenService {
    return this.app.get(AccessTokenService);
  }

  /** A key under this run's prefix, for the bench's own structures (baseline ZSETs, templates). */
  key(...parts: (string | number)[]): string {
    return [this.config.REDIS_PREFIX, 'bench', ...parts].join(':');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.workers.stop();
    await this.setupDb?.destroy().catch(() => undefined);
    await this.app.close().catch((e) => console.error('bench: closing the app failed', e));
    await cleanUp(this.config, this.redis);
    stopCluster(this.cluster);
  }

  /** The bench's connection as one Redis, for scenarios that run only there (options refuse them with --cluster). */
  get singleRedis(): Redis {
    if (isCluster(this.redis)) throw new Error('this scenario runs on one Redis only');
    return this.redis;
  }

  /** "one Redis" or "3-master cluster", for logs and reports. */
  get redisLabel(): string {
    return this.cluster ? `${this.options.clusterMasters}-master cluster` : 'one Redis';
  }
}

async function createEditor(app: NestFastifyApplication): Promise<string> {
  const [row] = await app
    .get(DataSource)
    .query<{ id: string }[]>(
      `INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, 'x', 'Bench Editor', 'editor') RETURNING id::text AS id`,
      [`editor-${randomUUID()}@bench.test`],
    );
  return app.get(AccessTokenService).sign(row.id, randomUUID());
}

/** Refuses a Redis db that holds keys not written by an earlier bench run: FLUSHDB would take them. */
async function assertBenchDb(redis: RedisClient, db: number): Promise<void> {
  const [, keys] = await redis.scan('0', 'COUNT', 200);
  const foreign = keys.find((k) => !/^\{?bench\d/.test(k));
  if (foreign) {
    throw new Error(`Redis db ${db} holds keys that are not the bench's (e.g. "${foreign}"); pick another with --redis-db`);
  }
}

/** FLUSHDB on the one Redis, or on every master of a cluster (a flush only clears the node it runs on). */
async function flush(redis: RedisClient): Promise<void> {
  for (const node of await mastersOf(redis)) await node.flushdb();
}

async function cleanUp(config: AppConfig, redis: RedisClient): Promise<void> {
  await flush(redis).catch((e) => console.error('bench: FLUSHDB failed', e));
  await redis.quit().catch(() => redis.disconnect());
  await dropDatabase(config.DATABASE_URL).catch((e) => console.error('bench: dropping the database failed', e));
}
