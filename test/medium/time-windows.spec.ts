import { ArticlesService } from '../../src/articles/articles.service';
import type { CreateArticleDto } from '../../src/articles/dto/create-article.dto';
import { FeedStore } from '../../src/feed/feed-store';
import { FeedService } from '../../src/feed/feed.service';
import { FollowsService } from '../../src/follows/follows.service';
import type { FeedEventDto } from '../../src/signals/dto/feed-events.dto';
import { ReaderSignalsService } from '../../src/signals/reader-signals.service';
import { SignalIngestionService } from '../../src/signals/signal-ingestion.service';
import { UsersService } from '../../src/users/users.service';
import { MediumApp, openMediumApp } from '../support/medium-app';
import { insert } from '../support/medium-db';

// Active-reader windows and affinity decay, judged on a test clock that moves by days instead of waiting.
const DAY = 86_400_000;

describe('time windows, on a test clock', () => {
  let m: MediumApp;
  let serial = 0;

  beforeAll(async () => {
    m = await openMediumApp({ ACTIVE_DAYS: '14', RANK_AFFINITY_HALF_LIFE_HOURS: '24' });
  });
  afterAll(() => m.close());

  async function topic(): Promise<string> {
    const slug = `topic-${++serial}`;
    await insert.topic(m.db, slug);
    return slug;
  }

  async function reader(follows: string[], lastActiveAt: Date): Promise<string> {
    const id = await insert.user(m.db, { lastActiveAt });
    for (const slug of follows) await m.app.get(FollowsService).follow(id, slug);
    return id;
  }

  async function publish(topicSlugs: string[]): Promise<string> {
    const dto = { headline: `Story ${++serial}`, body: 'Body text.', topicSlugs } as CreateArticleDto;
    const { article } = await m.app.get(ArticlesService).create(dto);
    await m.runDueJobs();
    return article.id;
  }

  const feedIds = async (userId: string) => ((await m.app.get(FeedStore).read(userId)) ?? []).map((r) => String(r.articleId));

  it('fan-out writes to readers seen within ACTIVE_DAYS of the clock, and a cold reader is rebuilt on read', async () => {
    const slug = await topic();
    const recent = await reader([slug], new Date(m.clock.nowMs() - 13 * DAY));
    const cold = await reader([slug], new Date(m.clock.nowMs() - 15 * DAY));
    await m.app.get(FeedStore).erase(recent);
    await m.app.get(FeedStore).merge(recent, [], true); // an existing (empty) window, as a reader who read lately has
    const first = await publish([slug]);
    expect(await feedIds(recent)).toEqual([first]);
    expect(await feedIds(cold)).toEqual([]);

    m.clock.advance(2 * DAY); // `recent` is now 15 days away too
    const second = await publish([slug]);
    expect(await feedIds(recent)).toEqual([first]);

    // Reading rebuilds the cold reader's window from Postgres and marks them active at the clock's time.
    const user = (await m.app.get(UsersService).findById(cold))!;
    const page = await m.app.get(FeedService).page(user, { mode: 'latest', limit: 10 });
    expect(page.items.map((i) => (i.article as { id: string }).id)).toEqual([second, first]);
    expect((await m.app.get(UsersService).findById(cold))!.lastActiveAt.getTime()).toBe(m.clock.nowMs());
  });

  it('a learned affinity halves every half-life of the clock', async () => {
    const slug = await topic();
    const userId = await reader([slug], m.clock.now());
    const articleId = await publish([slug]);
    const topicId = (await m.db.query<{ id: string }[]>(`SELECT id::text AS id FROM topics WHERE slug = $1`, [slug]))[0].id;
    const events: FeedEventDto[] = [{ articleId, type: 'save' }];
    expect(await m.app.get(SignalIngestionService).ingest(userId, events)).toEqual({ accepted: 1, dropped: 0 });

    const affinity = async () => (await m.app.get(ReaderSignalsService).forFeed(userId, [], true)).affinities.get(topicId)!;
    const learned = await affinity();
    expect(learned).toBeGreaterThan(0);
    m.clock.advance(DAY);
    expect(await affinity()).toBeCloseTo(learned / 2, 10);
    m.clock.advance(DAY);
    expect(await affinity()).toBeCloseTo(learned / 4, 10);
  });
});
