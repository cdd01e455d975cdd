import { ArticlesService } from '../../src/articles/articles.service';
import { CatchUpService } from '../../src/feed/catch-up.service';
import { FeedService } from '../../src/feed/feed.service';
import { FeedEventAudience } from '../../src/feed/stream/feed-event-audience';
import { FollowsService } from '../../src/follows/follows.service';
import { MutedWordsService } from '../../src/muted-words/muted-words.service';
import { ReaderStateService } from '../../src/reader-state/reader-state.service';
import type { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { openMediumApp, MediumApp } from '../support/medium-app';
import { insert } from '../support/medium-db';

// Every view the contract lists leaves a muted word's articles out, through the one matcher, until it expires
// (moved by the test clock) or is deleted.
const HOUR = 3600_000;

describe('muted words in every view, on a test clock', () => {
  let m: MediumApp;
  let serial = 0;

  beforeAll(async () => {
    m = await openMediumApp();
  });
  afterAll(() => m.close());

  async function setUp() {
    const slug = `mw-topic-${++serial}`;
    await insert.topic(m.db, slug);
    const id = await insert.user(m.db, { lastActiveAt: m.clock.now() });
    await m.app.get(FollowsService).follow(id, slug);
    const user = (await m.app.get(UsersService).findById(id))!;
    const publish = async (headline: string, minutesAgo: number, summary: string[] = []) =>
      (
        await m.app.get(ArticlesService).create({
          headline,
          summary,
          body: 'Body.',
          topicSlugs: [slug],
          publishedAt: new Date(m.clock.nowMs() - minutesAgo * 60_000).toISOString(),
        })
      ).article;
    return { user, publish };
  }

  const views = async (user: User) => {
    const feed = m.app.get(FeedService);
    const state = await m.app.get(ReaderStateService).get(user.id);
    const ids = (items: { article: Record<string, unknown> }[]) => items.map((i) => i.article.id as string);
    const catchUp = JSON.parse((await m.app.get(CatchUpService).pageJson(user, { limit: 50 }, state)).json) as {
      items: { article: Record<string, unknown> }[];
    };
    return {
      ranked: ids((await feed.page(user, { mode: 'ranked', limit: 50 }, state)).items),
      latest: ids((await feed.page(user, { mode: 'latest', limit: 50 }, state)).items),
      newCount: await feed.newCount(user, new Date(m.clock.nowMs() - HOUR), state),
      catchUp: ids(catchUp.items),
      unread: await m.app.get(CatchUpService).unreadCount(user, state),
    };
  };

  it('leaves matching articles (headline or summary) out of feed, new-count, catch-up and unread counts until the word expires', async () => {
    const { user, publish } = await setUp();
    const plain = await publish('Markets steady', 30);
    const inHeadline = await publish('Crypto slump deepens', 20);
    const inSummary = await publish('Weekly digest', 10, ['Bitcoin and CRYPTO fall']);
    const near = await publish('Cryptography prize awarded', 5);
    const words = m.app.get(MutedWordsService);
    await words.mute(user.id, 'crypto', new Date(m.clock.nowMs() + HOUR).toISOString());

    const muted = await views(user);
    expect(muted.latest).toEqual([near.id, plain.id]);
    expect([...muted.ranked].sort()).toEqual([near.id, plain.id].sort());
    expect(muted.catchUp).toEqual([plain.id, near.id]);
    expect(muted.newCount).toBe(2);
    expect(muted.unread).toBe(2);
    const audience = m.app.get(FeedEventAudience);
    expect(await audience.resolve(inHeadline.id, [user.id])).toBeNull();
    expect((await audience.resolve(plain.id, [user.id]))?.userIds).toEqual([user.id]);

    m.clock.advance(HOUR);
    const expired = await views(user);
    expect(expired.latest).toEqual([near.id, inSummary.id, inHeadline.id, plain.id]);
    expect(expired.ranked).toHaveLength(4);
    expect(expired.catchUp).toEqual([plain.id, inHeadline.id, inSummary.id, near.id]);
    expect(expired.unread).toBe(4);
    expect((await audience.resolve(inHeadline.id, [user.id]))?.userIds).toEqual([user.id]);
  });

  it('shows the articles again at once when the word is deleted, and hides them at once when it is added', async () => {
    const { user, publish } = await setUp();
    const a = await publish('Summit in New York', 10);
    const b = await publish('Summit ends', 5);
    expect((await views(user)).latest).toEqual([b.id, a.id]);
    const { word } = await m.app.get(MutedWordsService).mute(user.id, 'new york', null);
    expect((await views(user)).latest).toEqual([b.id]);
    await m.app.get(MutedWordsService).unmute(user.id, word.id);
    expect((await views(user)).latest).toEqual([b.id, a.id]);
  });
});
