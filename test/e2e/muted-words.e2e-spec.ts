import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';

interface Word {
  id: string;
  phrase: string;
  expiresAt: string | null;
  createdAt: string;
}

describe('muted words', () => {
  let t: TestApp;
  let db: DataSource;
  const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('adds a phrase (201), lists it, and the same phrase in any case is 200 with the new expiry', async () => {
    const { token } = await createUser(t);
    const first = await t.http.post('/v1/me/muted-words', { phrase: '  Trump  ' }, { token });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), phrase: 'Trump', expiresAt: null, createdAt: expect.stringMatching(/Z$/) });
    const later = inMinutes(60);
    const again = await t.http.post('/v1/me/muted-words', { phrase: 'TRUMP', expiresAt: later }, { token });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...(first.body as Word), expiresAt: later });
    const list = await t.http.get('/v1/me/muted-words', { token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [again.body] });
    const cleared = await t.http.post('/v1/me/muted-words', { phrase: 'trump', expiresAt: null }, { token });
    expect(cleared.status).toBe(200);
    expect(cleared.body.expiresAt).toBeNull();
  });

  it('lists newest first and leaves expired words out', async () => {
    const { token } = await createUser(t);
    const a = await t.http.post('/v1/me/muted-words', { phrase: 'crypto' }, { token });
    const b = await t.http.post('/v1/me/muted-words', { phrase: 'new york', expiresAt: inMinutes(5) }, { token });
    await db.query(`UPDATE muted_words SET expires_at = now() - interval '1 second' WHERE id = $1`, [b.body.id]);
    const c = await t.http.post('/v1/me/muted-words', { phrase: 'café' }, { token });
    const list = await t.http.get('/v1/me/muted-words', { token });
    expect((list.body.items as Word[]).map((w) => w.id)).toEqual([c.body.id, a.body.id]);
  });

  it('refuses bad bodies with 400 naming the field, and changes nothing', async () => {
    const { token, user } = await createUser(t);
    const cases: [unknown, string][] = [
      [{}, 'phrase'],
      [{ phrase: '' }, 'phrase'],
      [{ phrase: '   ' }, 'phrase'],
      [{ phrase: 'x'.repeat(101) }, 'phrase'],
      [{ phrase: 42 }, 'phrase'],
      [{ phrase: 'ok', expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ phrase: 'ok', expiresAt: new Date(Date.now() - 1000).toISOString() }, 'expiresAt'],
      [{ phrase: 'ok', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post('/v1/me/muted-words', body, { token });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM muted_words WHERE user_id = $1`, [user.id]);
    expect(n).toBe(0);
  });

  it('allows 200 words; the 201st is 409 MUTED_WORD_LIMIT, re-adding an existing one is still fine', async () => {
    const { token, user } = await createUser(t);
    await db.query(`INSERT INTO muted_words (user_id, phrase) SELECT $1, 'word' || g FROM generate_series(1, 199) g`, [user.id]);
    expect((await t.http.post('/v1/me/muted-words', { phrase: 'the200th' }, { token })).status).toBe(201);
    const over = await t.http.post('/v1/me/muted-words', { phrase: 'one too many' }, { token });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('MUTED_WORD_LIMIT');
    expect((await t.http.post('/v1/me/muted-words', { phrase: 'WORD7' }, { token })).status).toBe(200);
    expect((await t.http.get('/v1/me/muted-words', { token })).body.items).toHaveLength(200);
  });

  it('expired words do not count towards the limit', async () => {
    const { token, user } = await createUser(t);
    await db.query(
      `INSERT INTO muted_words (user_id, phrase, expires_at) SELECT $1, 'old' || g, now() - interval '1 minute' FROM generate_series(1, 200) g`,
      [user.id],
    );
    expect((await t.http.post('/v1/me/muted-words', { phrase: 'fresh' }, { token })).status).toBe(201);
  });

  it('deletes its own word (204); unknown or another account’s id is 404 MUTED_WORD_NOT_FOUND', async () => {
    const owner = await createUser(t);
    const other = await createUser(t);
    const word = await t.http.post('/v1/me/muted-words', { phrase: 'weather' }, { token: owner.token });
    for (const id of [word.body.id as string, '999999999', 'abc']) {
      const res = await t.http.delete(`/v1/me/muted-words/${id}`, { token: other.token });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('MUTED_WORD_NOT_FOUND');
    }
    expect((await t.http.delete(`/v1/me/muted-words/${word.body.id}`, { token: owner.token })).status).toBe(204);
    expect((await t.http.get('/v1/me/muted-words', { token: owner.token })).body.items).toEqual([]);
    expect((await t.http.delete(`/v1/me/muted-words/${word.body.id}`, { token: owner.token })).status).toBe(404);
  });

  it('needs a token', async () => {
    expect((await t.http.get('/v1/me/muted-words')).status).toBe(401);
  });
});
