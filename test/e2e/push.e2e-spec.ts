import { DataSource } from 'typeorm';
import { Newsroom } from '../support/newsroom';
import { PushReceiver } from '../support/push-receiver';
import { eventually, waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';

describe('Web Push of alerts', () => {
  let t: TestApp;
  let news: Newsroom;
  let db: DataSource;
  let receiver: PushReceiver;

  const subscribe = (token: string, body: unknown) => t.http.post('/v1/me/push-subscriptions', body, { token });
  const alertsOf = async (token: string) =>
    (await t.http.get('/v1/me/alerts', { token })).body.items as { id: string; article: { id: string }; pushed: boolean }[];

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    news = await Newsroom.open(t);
    db = t.app.get(DataSource);
    receiver = await PushReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  it('serves one VAPID public key (made once outside production)', async () => {
    const first = await t.http.get('/v1/push/vapid-public-key');
    expect(first.status).toBe(200);
    expect(Buffer.from(first.body.publicKey as string, 'base64url')).toHaveLength(65);
    expect((await t.http.get('/v1/push/vapid-public-key')).body).toEqual(first.body);
    expect(await db.query(`SELECT count(*)::int AS n FROM vapid_keys`)).toEqual([{ n: 1 }]);
  });

  it('subscribes (201), the same endpoint again is 200 with the same one, lists and deletes', async () => {
    const reader = await news.reader();
    const sub = receiver.subscription();
    const first = await subscribe(reader.token, sub);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), endpoint: sub.endpoint, createdAt: expect.stringMatching(/Z$/) });
    const again = await subscribe(reader.token, sub);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await t.http.get('/v1/me/push-subscriptions', { token: reader.token })).body).toEqual({ items: [first.body] });
    const other = await news.reader();
    const foreign = await t.http.delete(`/v1/me/push-subscriptions/${first.body.id}`, { token: other.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('PUSH_SUBSCRIPTION_NOT_FOUND');
    expect((await t.http.delete(`/v1/me/push-subscriptions/${first.body.id}`, { token: reader.token })).status).toBe(204);
    expect((await t.http.get('/v1/me/push-subscriptions', { token: reader.token })).body).toEqual({ items: [] });
  });

  it('allows 10 subscriptions per account; the 11th is 409 PUSH_SUBSCRIPTION_LIMIT', async () => {
    const reader = await news.reader();
    for (let i = 0; i < 10; i++) expect((await subscribe(reader.token, receiver.subscription())).status).toBe(201);
    const over = await subscribe(reader.token, receiver.subscription());
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('PUSH_SUBSCRIPTION_LIMIT');
  });

  it('refuses endpoints off the allowed hosts and malformed keys with 400', async () => {
    const reader = await news.reader();
    const { keys } = receiver.subscription();
    const cases: [unknown, string][] = [
      [{ endpoint: 'https://evil.example/push', keys }, 'endpoint'],
      [{ endpoint: 'http://fcm.googleapis.com/fcm/send/x', keys }, 'endpoint'],
      [{ endpoint: 'http://10.1.2.3:8080/push', keys }, 'endpoint'],
      [{ endpoint: 'http://127.0.0.1/push', keys }, 'endpoint'],
      [{ endpoint: 'not a url', keys }, 'endpoint'],
      [{ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { ...keys, p256dh: 'AAAA' } }, 'keys.p256dh'],
      [{ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { ...keys, auth: 'AAAA' } }, 'keys.auth'],
      [{ endpoint: 'https://fcm.googleapis.com/fcm/send/x' }, 'keys'],
      [{ keys }, 'endpoint'],
    ];
    for (const [body, field] of cases) {
      const res = await subscribe(reader.token, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    expect((await t.http.get('/v1/me/push-subscriptions', { token: reader.token })).body.items).toEqual([]);
  });

  it('pushes an alert: VAPID-signed, encrypted for the browser, and the alert says pushed', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const sub = receiver.subscription();
    await subscribe(reader.token, sub);
    const article = await news.publish([topic], { priority: 'breaking', headline: 'Pushed headline' });
    const push = await eventually(() => receiver.received.find((r) => sub.endpoint.endsWith(r.path)));
    const [alert] = await alertsOf(reader.token);
    expect(JSON.parse(push.payload)).toEqual({ alertId: alert.id, articleId: article.id, headline: 'Pushed headline', reason: 'breaking' });
    expect(push.vapidPublicKey).toBe((await t.http.get('/v1/push/vapid-public-key')).body.publicKey);
    expect(push.claims.sub).toMatch(/^(mailto:|https:)/);
    expect(alert.pushed).toBe(true);
    expect(receiver.rejected).toEqual([]);
  });

  it('retries a failed push with backoff (500, then 201)', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const sub = receiver.subscription();
    await subscribe(reader.token, sub);
    receiver.answers.push(500, 500);
    const started = Date.now();
    await news.publish([topic], { priority: 'breaking' });
    await eventually(() => receiver.received.some((r) => sub.endpoint.endsWith(r.path)), { timeoutMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(receiver.answers).toEqual([]);
  });

  it('a push service answering 410 removes the subscription', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await subscribe(reader.token, receiver.subscription());
    receiver.answers.push(410);
    await news.publish([topic], { priority: 'breaking' });
    await eventually(
      async () => ((await t.http.get('/v1/me/push-subscriptions', { token: reader.token })).body.items as unknown[]).length === 0,
    );
  });

  it('quiet hours hold the push back but never the list', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const sub = receiver.subscription();
    await subscribe(reader.token, sub);
    const now = new Date();
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const quietHours = { start: hhmm(new Date(now.getTime() - 3600_000)), end: hhmm(new Date(now.getTime() + 3600_000)), timeZone: 'UTC' };
    expect(
      (await t.http.put('/v1/me/alert-settings', { breaking: true, topics: [], quietHours, maxPerDay: 10 }, { token: reader.token }))
        .status,
    ).toBe(200);
    const article = await news.publish([topic], { priority: 'breaking' });
    await waitForQueuesIdle(t);
    const [alert] = await alertsOf(reader.token);
    expect(alert.article.id).toBe(article.id);
    expect(alert.pushed).toBe(false);
    expect(receiver.received.filter((r) => sub.endpoint.endsWith(r.path))).toEqual([]);
  });

  it('maxPerDay pushes in the last 24 hours, then held back', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const sub = receiver.subscription();
    await subscribe(reader.token, sub);
    await t.http.put('/v1/me/alert-settings', { breaking: true, topics: [], quietHours: null, maxPerDay: 2 }, { token: reader.token });
    for (let i = 0; i < 3; i++) {
      await news.publish([topic], { priority: 'breaking' });
      await waitForQueuesIdle(t);
    }
    const alerts = await alertsOf(reader.token);
    expect(alerts.map((a) => a.pushed)).toEqual([false, true, true]);
    await eventually(() => receiver.received.filter((r) => sub.endpoint.endsWith(r.path)).length === 2);
  });
});
