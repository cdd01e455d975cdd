import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/infra/config/app-config';
import { dropDatabase } from '../../src/infra/database/prepare-database';
import { createRedisClient, mastersOf } from '../../src/infra/redis/redis';
import { HttpClient } from './http-client';

const PG_BASE = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// Set by the cluster pass of npm test (jest.cluster.config.cjs): the same tests on a local Redis Cluster.
const REDIS_CLUSTER_NODES = process.env.TEST_REDIS_CLUSTER_NODES;

/** The Redis settings a child process (API, worker, CLI) needs to reach the test's Redis: one, or the cluster. */
export function redisEnv(config: AppConfig): Record<string, string> {
  return { REDIS_URL: config.REDIS_URL, ...(config.REDIS_CLUSTER_NODES ? { REDIS_CLUSTER_NODES: config.REDIS_CLUSTER_NODES } : {}) };
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: HttpClient;
  close(): Promise<void>;
}

/** A fresh database and Redis key prefix for one test file, both removed by close(). */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const run = randomBytes(5).toString('hex');
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: `${PG_BASE}/mynews_test_${run}`,
    REDIS_URL,
    // A test that points REDIS_URL at a Redis of its own means that one, not the cluster.
    ...(REDIS_CLUSTER_NODES && !overrides.REDIS_URL ? { REDIS_CLUSTER_NODES } : {}),
    REDIS_PREFIX: `t${run}`,
    REGISTRATIONS_PER_IP_PER_HOUR: '1000000',
    ...overrides,
  });
}

export async function removeTestData(config: AppConfig): Promise<void> {
  await dropDatabase(config.DATABASE_URL);
  const redis = createRedisClient(config);
  try {
    // On a cluster every master is scanned; keys are unlinked one by one, since they lie in many slots.
    for (const node of await mastersOf(redis)) {
      for (const pattern of [`${config.REDIS_PREFIX}:*`, `{${config.REDIS_PREFIX}}:*`]) {
        let cursor = '0';
        do {
          const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          cursor = next;
          await Promise.all(keys.map((key) => redis.unlink(key)));
        } while (cursor !== '0');
      }
    }
  } finally {
    redis.disconnect();
  }
}

export async function startTestApp(options: { workers?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const config = testConfig(options.env);
  const app = await createApp(config, { workers: options.workers ?? false });
  return {
    app,
    config,
    http: new HttpClient(app),
    close: async () => {
      await app.close();
      await removeTestData(config);
    },
  };
}
