import { jest } from '@jest/globals';
import { ArticlesRepository } from '../../src/articles/articles.repository';
import { CardCacheService } from '../../src/articles/card-cache.service';
import type { RedisClient } from '../../src/infra/redis/redis';
import { REDIS, RedisKeys } from '../../src/infra/redis/redis.module';
import { Newsroom } from '../support/newsroom';
import { startTestApp, TestApp } from '../support/test-app';

describe('card cache: a miss loaded before an edit commits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const headlineOf = (cardJson: string) => (JSON.parse(cardJson) as { headline: string }).headline;

  it.each([
    [
      'an edit',
      (id: string, news: Newsroom) => t.http.patch(`/v1/articles/${id}`, { headline: 'Corrected headline' }, { token: news.editor.token }),
      'Corrected headline',
    ],
    ['a retraction', (id: string, news: Newsroom) => t.http.delete(`/v1/articles/${id}`, { token: news.editor.token }), null],
  ])('never puts the old card back after %s', async (_what, change, expected) => {
    const news = await Newsroom.open(t);
    const article = await news.publish([await news.topic()], { headline: 'First headline' });
    const cards = t.app.get(CardCacheService);
    // The card the publish stored is gone (expired, evicted): the next read misses.
    await t.app.get<RedisClient>(REDIS).del(t.app.get(RedisKeys).key('card', article.id));
    const repository = t.app.get(ArticlesRepository);
    const load = repository.loadWithTopics.bind(repository);

    // The reader's miss reads Postgres before the change commits and writes Redis after it.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let loaded!: () => void;
    const hasLoaded = new Promise<void>((resolve) => (loaded = resolve));
    jest.spyOn(repository, 'loadWithTopics').mockImplementationOnce(async (...args) => {
      const rows = await load(...args);
      loaded();
      await gate;
      return rows;
    });
    const slowRead = cards.getMany([article.id]);
    await hasLoaded;
    expect((await change(article.id, news)).status).toBeLessThan(300);
    release();
    expect(headlineOf((await slowRead).get(article.id)!.cardJson)).toBe('First headline'); // that reader saw the old one

    const after = (await cards.getMany([article.id])).get(article.id)!;
    if (expected) expect(headlineOf(after.cardJson)).toBe(expected);
    else expect(after.status).toBe('retracted');
    const head = (await cards.getHeads([article.id])).get(article.id)!;
    expect(head.status).toBe(expected ? 'published' : 'retracted');
  });
});
