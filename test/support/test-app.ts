import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/infra/config/app-config';
import { dropDatabase } from '../../src/infra/database/prepare-database';
import { createRedis } from '../../src/infra/redis/redis';
import { HttpClient } from './http-client';

const PG_BASE = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

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
    REDIS_PREFIX: `t${run}`,
    REGISTRATIONS_PER_IP_PER_HOUR: '1000000',
    ...overrides,
  });
}

export async function removeTestData(config: AppConfig): Promise<void> {
  await dropDatabase(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL);
  try {
    for (const pattern of [`${config.REDIS_PREFIX}:*`, `{${config.REDIS_PREFIX}}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.unlink(...keys);
      } while (cursor !== '0');
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
