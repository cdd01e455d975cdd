import type { Redis } from 'ioredis';
import { REDIS } from '../../src/infra/redis/redis.module';
import { startTestApp, TestApp } from '../support/test-app';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is live', async () => {
    const res = await t.http.get('/health/live');
    expect(res.status).toBe(200);
  });

  it('is ready once Postgres, Redis and migrations are', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.details).toMatchObject({
      postgres: { status: 'up' },
      redis: { status: 'up' },
      migrations: { status: 'up' },
    });
  });

  it('is not ready while Redis is down, naming each dependency and its state', async () => {
    const redis = t.app.get<Redis>(REDIS);
    redis.disconnect();
    try {
      const res = await t.http.get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body.details.postgres.status).toBe('up');
      expect(res.body.details.redis.status).toBe('down');
      expect((await t.http.get('/health/live')).status).toBe(200);
    } finally {
      await redis.connect();
    }
    expect((await t.http.get('/health/ready')).status).toBe(200);
  });

  it('answers unknown routes with a problem document', async () => {
    const res = await t.http.get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'about:blank', status: 404, code: 'NOT_FOUND', title: 'Not Found' });
  });
});

describe('openapi', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await t.http.get('/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/health/ready');
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger/i);
  });
});
