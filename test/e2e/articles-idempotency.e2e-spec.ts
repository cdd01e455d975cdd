import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { FanoutUpkeepProcessor } from '../../src/fanout/fanout-upkeep.processor';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
import { Newsroom } from '../support/newsroom';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser, CreatedUser } from '../support/users.factory';

describe('POST /v1/articles with an Idempotency-Key', () => {
  let t: TestApp;
  let db: DataSource;
  let editor: CreatedUser;
  let topic: string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    const news = await Newsroom.open(t);
    editor = news.editor;
    topic = await news.topic();
  });
  afterAll(() => t.close());

  const body = (extra: Record<string, unknown> = {}) => ({
    headline: `Idem ${randomBytes(4).toString('hex')}`,
    body: 'Text.',
    topicSlugs: [topic],
    ...extra,
  });
  const post = (payload: unknown, key: string | undefined, who = editor) =>
    t.http.post('/v1/articles', payload, { token: who.token, headers: key === undefined ? {} : { 'idempotency-key': key } });
  const articlesNamed = async (headline: string) =>
    Number((await db.query(`SELECT count(*)::int AS n FROM articles WHERE headline = $1`, [headline]))[0].n);
  const newKey = () => `key-${randomBytes(8).toString('hex')}`;

  it('answers a repeat with the first status and article, creating nothing new', async () => {
    const payload = body();
    const key = newKey();
    const first = await post(payload, key);
    expect(first.status).toBe(201);
    const again = await post({ ...payload }, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await articlesNamed(payload.headline)).toBe(1);
    expect(Number((await db.query(`SELECT count(*)::int AS n FROM fanout_outbox WHERE article_id = $1`, [first.body.id]))[0].n)).toBe(1);

    const withoutKey = await post(payload, undefined);
    expect(withoutKey.status).toBe(201);
    expect(await articlesNamed(payload.headline)).toBe(2);
  });

  it('keeps the first status of an update by externalId (200)', async () => {
    const externalId = `cms-${randomBytes(4).toString('hex')}`;
    expect((await post(body({ externalId }), undefined)).status).toBe(201);
    const key = newKey();
    const update = body({ externalId, headline: 'Updated by CMS' });
    const first = await post(update, key);
    expect(first.status).toBe(200);
    const again = await post(update, key);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('lets concurrent duplicates create one article', async () => {
    const payload = body();
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(payload, key)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await articlesNamed(payload.headline)).toBe(1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with a different body, changing nothing', async () => {
    const key = newKey();
    const first = body();
    expect((await post(first, key)).status).toBe(201);
    const other = body();
    const res = await post(other, key);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await articlesNamed(other.headline)).toBe(0);
  });

  it('scopes keys to the account and to 24 hours', async () => {
    const key = newKey();
    const payload = body();
    const first = await post(payload, key);
    const otherEditor = await createUser(t, { role: 'editor' });
    const theirs = await post(payload, key, otherEditor);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);

    await db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = $1 AND key = $2`, [
      editor.user.id,
      key,
    ]);
    const later = await post(payload, key);
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect(await articlesNamed(payload.headline)).toBe(3);
  });

  it.each([
    ['empty', ''],
    ['with a space', 'has space'],
    ['longer than 255', 'k'.repeat(256)],
    ['with a control character', 'a\tb'],
  ])('rejects a key %s with 400 naming Idempotency-Key, creating nothing', async (_what, key) => {
    const payload = body();
    const res = await post(payload, key);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect(await articlesNamed(payload.headline)).toBe(0);
  });

  it('accepts a 255-character key of visible ASCII', async () => {
    const key = '!~'.repeat(127) + 'x';
    expect((await post(body(), key)).status).toBe(201);
  });
});

describe('expired idempotency keys', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
  });
  afterAll(() => t.close());

  it("are deleted by the workers' hourly upkeep, whoever's they are; keys within their 24 hours stay", async () => {
    const db = t.app.get(DataSource);
    const news = await Newsroom.open(t);
    const topic = await news.topic();
    const other = await createUser(t, { role: 'editor' });
    const post = (who: CreatedUser, key: string) =>
      t.http.post(
        '/v1/articles',
        { headline: key, body: 'Text.', topicSlugs: [topic] },
        { token: who.token, headers: { 'idempotency-key': key } },
      );
    for (const [who, key] of [
      [news.editor, 'old-1'],
      [other, 'old-2'],
      [other, 'fresh'],
    ] as const)
      expect((await post(who, key)).status).toBe(201);
    await db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key LIKE 'old-%'`);

    const upkeep = t.app.get(FanoutUpkeepProcessor, { strict: false });
    const schedulers = await t.app.get(JobProducer).queue(QUEUE.fanoutUpkeep).getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('fanout.prune-idempotency-keys');
    await upkeep.process({ name: 'fanout.prune-idempotency-keys' } as Job);
    const keys: { key: string }[] = await db.query(`SELECT key FROM idempotency_keys ORDER BY key`);
    expect(keys.map((k) => k.key)).toEqual(['fresh']);
  });
});
