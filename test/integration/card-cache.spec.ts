import { jest } from '@jest/globals';
import calculateSlot from 'cluster-key-slot';
import { DataSource } from 'typeorm';
import { ArticlesRepository } from '../../src/articles/articles.repository';
import { CardCacheService } from '../../src/articles/card-cache.service';
import { isCluster, type RedisClient } from '../../src/infra/redis/redis';
import { REDIS, RedisKeys } from '../../src/infra/redis/redis.module';
import { createUser } from '../support/users.factory';
import { startTestApp, TestApp } from '../support/test-app';

describe('CardCacheService (Postgres + Redis)', () => {
  let t: TestApp;
  let db: DataSource;
  let redis: RedisClient;
  let keys: RedisKeys;
  let cards: CardCacheService;
  let editor: string;
  let topicIds: Record<string, string>;
  let n = 0;

  /** An article straight in Postgres, so the cache has nothing about it yet. */
  async function insertArticle(overrides: { headline?: string; status?: string; topics?: string[] } = {}): Promise<string> {
    const [{ id }] = await db.query(
      `INSERT INTO articles (slug, headline, summary, body, image_url, authors, status, priority, published_at)
       VALUES ($1, $2, '["First point"]', 'A long body', 'https://img.example.com/p.jpg', '["Ann Lee"]', $3, 'breaking', '2026-03-04T05:06:07.089Z')
       RETURNING id::text AS id`,
      [`story-${++n}`, overrides.headline ?? `Story ${n}`, overrides.status ?? 'published'],
    );
    const topics = overrides.topics ?? ['world', 'tech'];
    for (const [position, slug] of topics.entries()) {
      await db.query(
        `INSERT INTO article_topics (article_id, topic_id, position, published_at, listed)
         VALUES ($1, $2, $3, '2026-03-04T05:06:07.089Z', $4)`,
        [id, topicIds[slug], position, (overrides.status ?? 'published') === 'published'],
      );
    }
    return id;
  }

  const cardKey = (id: string) => keys.key('card', id);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    redis = t.app.get<RedisClient>(REDIS);
    keys = t.app.get(RedisKeys);
    cards = t.app.get(CardCacheService);
    const rows: { id: string; slug: string }[] = await db.query(
      `INSERT INTO topics (slug, name) VALUES ('world', 'World'), ('tech', 'Tech') RETURNING id::text AS id, slug`,
    );
    topicIds = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
    editor = (await createUser(t, { role: 'editor' })).token;
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it("fills a miss from Postgres and writes the envelope back with a day's TTL", async () => {
    const id = await insertArticle({ headline: 'Filled from Postgres' });
    expect(await redis.exists(cardKey(id))).toBe(0);

    const found = await cards.getMany([id]);
    const cached = found.get(id)!;
    const card = {
      id,
      slug: `story-${n}`,
      headline: 'Filled from Postgres',
      summary: ['First point'],
      imageUrl: 'https://img.example.com/p.jpg',
      imageCaption: null,
      authors: ['Ann Lee'],
      topics: [
        { slug: 'world', name: 'World' },
        { slug: 'tech', name: 'Tech' },
      ],
      priority: 'breaking',
      storyKey: null,
      publishedAt: '2026-03-04T05:06:07.089Z',
      updatedAt: expect.any(String),
    };
    expect(JSON.parse(cached.cardJson)).toEqual(card);
    expect(cached).toMatchObject({
      topicIds: [topicIds.world, topicIds.tech],
      status: 'published',
      publishedAtMs: Date.parse('2026-03-04T05:06:07.089Z'),
      priority: 'breaking',
    });

    const stored = await redis.get(cardKey(id));
    expect(stored!.startsWith('{"v":1,')).toBe(true); // the article's version first: a fill never overwrites a newer one
    expect(JSON.parse(stored!)).toEqual({
      v: 1,
      card,
      topicIds: [topicIds.world, topicIds.tech],
      status: 'published',
      publishedAtMs: Date.parse('2026-03-04T05:06:07.089Z'),
      priority: 'breaking',
      storyKey: null,
    });
    const ttl = await redis.ttl(cardKey(id));
    expect(ttl).toBeGreaterThan(86_000);
    expect(ttl).toBeLessThanOrEqual(86_400);
  });

  it('serves a hit from Redis without asking Postgres', async () => {
    const id = await insertArticle({ headline: 'Cached headline' });
    await cards.getMany([id]);
    await db.query(`UPDATE articles SET headline = 'Changed behind the cache' WHERE id = $1`, [id]);
    const loads = jest.spyOn(t.app.get(ArticlesRepository), 'loadWithTopics');

    const again = await cards.getMany([id]);
    expect(JSON.parse(again.get(id)!.cardJson).headline).toBe('Cached headline');
    expect(loads).not.toHaveBeenCalled();
  });

  it('holds the committed card after a create and an edit, and a marker after a retraction, before they answer', async () => {
    const created = await t.http.post(
      '/v1/articles',
      { headline: 'Fresh from the newsroom', body: 'Body text.', topicSlugs: ['world'] },
      { token: editor },
    );
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const committed = (version: number, headline: string) => ({
      v: version,
      status: 'published',
      card: expect.objectContaining({ id, headline }),
    });
    // Stored before the answer: a fan-out's readers find the card rather than each missing it.
    expect(JSON.parse((await redis.get(cardKey(id)))!)).toMatchObject(committed(1, 'Fresh from the newsroom'));
    // A hit: no load from Postgres (the fan-out of the new article queries Postgres meanwhile, so queries are not counted).
    const loads = jest.spyOn(t.app.get(ArticlesRepository), 'loadWithTopics');
    expect(JSON.parse((await cards.getMany([id])).get(id)!.cardJson)).toMatchObject({ id, headline: 'Fresh from the newsroom' });
    expect(loads).not.toHaveBeenCalled();
    loads.mockRestore();

    const edit = await t.http.patch(`/v1/articles/${id}`, { headline: 'After the edit' }, { token: editor });
    expect(edit.status).toBe(200);
    expect(JSON.parse((await redis.get(cardKey(id)))!)).toMatchObject(committed(2, 'After the edit'));
    // The same card a fill from Postgres writes.
    const stored = await redis.get(cardKey(id));
    await redis.del(cardKey(id));
    await cards.getMany([id]);
    expect(await redis.get(cardKey(id))).toBe(stored);

    expect((await t.http.delete(`/v1/articles/${id}`, { token: editor })).status).toBe(204);
    // Left as a marker of the committed version: a miss for readers, and older fills cannot overwrite it.
    expect(await redis.get(cardKey(id))).toBe('{"v":3}');
    expect((await cards.getMany([id])).get(id)!.status).toBe('retracted');
  });

  it('never puts an older card over a newer one: a store of an earlier version leaves the stored card', async () => {
    const id = await insertArticle({ headline: 'Version one' });
    await db.query(`UPDATE articles SET headline = 'Version two', version = 2 WHERE id = $1`, [id]);
    await cards.getMany([id]);
    const [{ article, topics }] = await t.app.get(ArticlesRepository).loadWithTopics([id], { withBody: false });
    await cards.store({ ...article, version: 1, headline: 'Version one' }, topics);
    expect(JSON.parse((await redis.get(cardKey(id)))!)).toMatchObject({ v: 2, card: { headline: 'Version two' } });
  });

  it('reloads an envelope written before cards carried storyKey, for cards and heads alike', async () => {
    const id = await insertArticle({ headline: 'Stored before stories' });
    await db.query(`UPDATE articles SET story_key = 'old-envelope' WHERE id = $1`, [id]);
    const old = JSON.stringify({
      v: 1,
      topicIds: [topicIds.world],
      status: 'published',
      publishedAtMs: Date.parse('2026-03-04T05:06:07.089Z'),
      priority: 'breaking',
      card: { id, headline: 'Stored before stories' },
    });
    await redis.set(cardKey(id), old);
    expect((await cards.getHeads([id])).get(id)).toMatchObject({ storyKey: 'old-envelope' });
    await redis.set(cardKey(id), old);
    expect(JSON.parse((await cards.getMany([id])).get(id)!.cardJson)).toMatchObject({ storyKey: 'old-envelope' });
    expect(JSON.parse((await redis.get(cardKey(id)))!)).toMatchObject({ storyKey: 'old-envelope' });
  });

  it('invalidate() removes the entry so the next read reloads it', async () => {
    const id = await insertArticle({ headline: 'Old' });
    await cards.getMany([id]);
    await db.query(`UPDATE articles SET headline = 'New' WHERE id = $1`, [id]);
    await cards.invalidate(id);
    expect(await redis.exists(cardKey(id))).toBe(0);
    expect(JSON.parse((await cards.getMany([id])).get(id)!.cardJson).headline).toBe('New');
  });

  it('leaves out ids that name nothing, and caches nothing for them', async () => {
    const id = await insertArticle();
    const found = await cards.getMany(['999999999', id, 'abc', '0', '', id]);
    expect([...found.keys()]).toEqual([id]);
    expect(await redis.exists(cardKey('999999999'))).toBe(0);
    expect((await cards.getMany([])).size).toBe(0);
  });

  it('loads a card that many readers miss at once (a fan-out just wrote it into their feeds) with one query', async () => {
    const id = await insertArticle({ headline: 'Everyone reads this' });
    const loads = jest.spyOn(t.app.get(ArticlesRepository), 'loadWithTopics');
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, () => cards.getMany([id])),
      ...Array.from({ length: 8 }, () => cards.getHeads([id])),
    ]);
    expect(answers.every((found) => found.get(id)?.publishedAtMs === Date.parse('2026-03-04T05:06:07.089Z'))).toBe(true);
    expect(loads).toHaveBeenCalledTimes(1);
  });

  it('does not take a load in flight older than the version Redis showed: it loads its own', async () => {
    const id = await insertArticle();
    const repo = t.app.get(ArticlesRepository);
    const original = repo.loadWithTopics.bind(repo);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const loadedOld = new Promise<void>((resolve) => (started = resolve));
    // The first load reads version 1, then is held while an edit commits version 2 and invalidates the card.
    jest.spyOn(repo, 'loadWithTopics').mockImplementationOnce(async (...args) => {
      const rows = await original(...args);
      started();
      await held;
      return rows;
    });
    const first = cards.getMany([id]);
    await loadedOld;
    await db.query(`UPDATE articles SET priority = 'normal', version = version + 1 WHERE id = $1`, [id]);
    await cards.invalidate(id, 2);
    const second = cards.getHeads([id]);
    const third = cards.getMany([id]);
    setTimeout(release, 50);
    expect((await first).get(id)!.priority).toBe('breaking');
    expect((await second).get(id)!.priority).toBe('normal');
    expect((await third).get(id)!.priority).toBe('normal');
  });

  // On a cluster: one MGET per slot of the keys, and the misses written back side by side.
  it('reads many ids with one MGET, and loads the misses in one query and one pipeline', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await insertArticle({ topics: i % 2 ? ['tech'] : ['world', 'tech'] }));
    await cards.getMany(ids.slice(0, 10)); // a third already cached

    const sendCommand = jest.spyOn(redis, 'sendCommand');
    const pipeline = jest.spyOn(redis, 'pipeline');
    const loads = jest.spyOn(t.app.get(ArticlesRepository), 'loadWithTopics');
    const mixed = await cards.getMany(ids);
    expect(mixed.size).toBe(30);
    const names = sendCommand.mock.calls.map(([command]) => (command as unknown as { name: string }).name);
    const mgets = isCluster(redis) ? new Set(ids.map((id) => calculateSlot(cardKey(id)))).size : 1;
    expect(names.filter((name) => name === 'mget')).toHaveLength(mgets);
    // Each miss is written back by a small script that refuses to overwrite a newer version.
    expect(names.filter((name) => name !== 'mget' && name !== 'evalsha')).toEqual([]);
    expect(names.filter((name) => name === 'evalsha')).toHaveLength(20);
    expect(pipeline).toHaveBeenCalledTimes(isCluster(redis) ? 0 : 1);
    expect(loads).toHaveBeenCalledTimes(1);
    for (const [i, id] of ids.entries()) {
      expect(mixed.get(id)!.topicIds).toEqual(i % 2 ? [topicIds.tech] : [topicIds.world, topicIds.tech]);
    }

    sendCommand.mockClear();
    loads.mockClear();
    const hits = await cards.getMany(ids);
    expect(hits.size).toBe(30);
    expect(sendCommand).toHaveBeenCalledTimes(mgets);
    const sent = sendCommand.mock.calls.map(([command]) => command as unknown as { name: string; args: string[] });
    expect(sent.every((c) => c.name === 'mget')).toBe(true);
    expect(sent.flatMap((c) => c.args).sort()).toEqual(ids.map(cardKey).sort());
    expect(loads).not.toHaveBeenCalled();
  });
});
