import { Newsroom } from '../support/newsroom';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';

describe('alert settings', () => {
  let t: TestApp;
  let news: Newsroom;
  let slugs: string[];
  const valid = () => ({
    breaking: false,
    topics: [slugs[1], slugs[0]],
    quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' },
    maxPerDay: 3,
  });

  beforeAll(async () => {
    t = await startTestApp();
    news = await Newsroom.open(t);
    slugs = [await news.topic(), await news.topic()];
  });
  afterAll(() => t.close());

  it('answers the defaults for a reader who never set them', async () => {
    const { token } = await createUser(t);
    const res = await t.http.get('/v1/me/alert-settings', { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ breaking: true, topics: [], quietHours: null, maxPerDay: 10 });
  });

  it('stores the whole object and answers it back, topics in the order given', async () => {
    const { token } = await createUser(t);
    const put = await t.http.put('/v1/me/alert-settings', valid(), { token });
    expect(put.status).toBe(200);
    expect(put.body).toEqual(valid());
    expect((await t.http.get('/v1/me/alert-settings', { token })).body).toEqual(valid());
    const cleared = { breaking: true, topics: [], quietHours: null, maxPerDay: 50 };
    expect((await t.http.put('/v1/me/alert-settings', cleared, { token })).body).toEqual(cleared);
    expect((await t.http.get('/v1/me/alert-settings', { token })).body).toEqual(cleared);
  });

  it('refuses bad settings with 400 naming the field, and keeps the stored ones', async () => {
    const { token } = await createUser(t);
    await t.http.put('/v1/me/alert-settings', valid(), { token });
    const v = valid();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...v, breaking: undefined }, 'breaking'],
      [{ ...v, topics: undefined }, 'topics'],
      [{ ...v, quietHours: undefined }, 'quietHours'],
      [{ ...v, maxPerDay: undefined }, 'maxPerDay'],
      [{ ...v, breaking: 'yes' }, 'breaking'],
      [{ ...v, maxPerDay: 0 }, 'maxPerDay'],
      [{ ...v, maxPerDay: 51 }, 'maxPerDay'],
      [{ ...v, maxPerDay: 2.5 }, 'maxPerDay'],
      [{ ...v, topics: ['no-such-topic'] }, 'topics.0'],
      [{ ...v, topics: [slugs[0], 'nope'] }, 'topics.1'],
      [{ ...v, topics: Array.from({ length: 51 }, () => slugs[0]) }, 'topics'],
      [{ ...v, quietHours: { start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' } }, 'quietHours.timeZone'],
      [{ ...v, quietHours: { start: '22:00', end: '07:00', timeZone: '+01:00' } }, 'quietHours.timeZone'],
      [{ ...v, quietHours: { start: '24:00', end: '07:00', timeZone: 'UTC' } }, 'quietHours.start'],
      [{ ...v, quietHours: { start: '7:00', end: '08:00', timeZone: 'UTC' } }, 'quietHours.start'],
      [{ ...v, quietHours: { start: '22:00', end: '22:00', timeZone: 'UTC' } }, 'quietHours.end'],
      [{ ...v, quietHours: { start: '22:00', timeZone: 'UTC' } }, 'quietHours.end'],
      [{ ...v, quietHours: { start: '22:00', end: '07:00', timeZone: 'UTC', extra: 1 } }, 'quietHours.extra'],
      [{ ...v, quietHours: 'night' }, 'quietHours'],
      [{ ...v, extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.put('/v1/me/alert-settings', body, { token });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    expect((await t.http.get('/v1/me/alert-settings', { token })).body).toEqual(valid());
  });

  it('needs a token', async () => {
    expect((await t.http.get('/v1/me/alert-settings')).status).toBe(401);
  });
});
