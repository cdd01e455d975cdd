import { ApiProcess, startApiProcess } from '../support/api-process';
import { PrivateRedis } from '../support/private-redis';
import { eventually } from '../support/queues';
import { removeTestData, testConfig } from '../support/test-app';

describe('Redis connection errors', () => {
  let redis: PrivateRedis;
  let api: ApiProcess;
  let config: ReturnType<typeof testConfig>;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    config = testConfig({ REDIS_URL: redis.url });
    api = await startApiProcess(config);
  });
  afterAll(async () => {
    await api.stop();
    await redis.start();
    await removeTestData(config);
    await redis.stop();
  });

  it('go to the JSON log, a few lines not one per retry, and no stack trace reaches stderr', async () => {
    await redis.stop();
    const logged = () =>
      api
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('{') && line.includes('"redis connection error"'));
    await eventually(() => logged().length > 0, { timeoutMs: 10_000, intervalMs: 100 });
    // Reconnect attempts go on meanwhile; the API still answers.
    expect((await fetch(`${api.base}/health/live`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(api.stderr()).not.toMatch(/Unhandled error event/);
    expect(api.stderr()).not.toMatch(/ECONNREFUSED/);
    // One line per client per 10 s at most: the API has a handful of clients (one per queue among them, six queues).
    expect(logged().length).toBeLessThanOrEqual(7);
    expect(JSON.parse(logged()[0])).toMatchObject({ level: 50 });
  });
});
