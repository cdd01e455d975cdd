import { FeedKeys } from '../../src/feed/feed-keys';
import { FeedEventChannels } from '../../src/feed/stream/feed-event-channels';
import { encodeFeedEvent } from '../../src/feed/stream/feed-event-message';
import { FeedEventSubscriber } from '../../src/feed/stream/feed-event-subscriber';
import { isCluster, type RedisClient } from '../../src/infra/redis/redis';
import { REDIS } from '../../src/infra/redis/redis.module';
import { Newsroom } from '../support/newsroom';
import { eventually, waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';
import { listen, SseClient } from './feed-stream-sse-client';

describe('GET /v1/feed/stream', () => {
  let t: TestApp;
  let news: Newsroom;
  let base: string;
  let redis: RedisClient;
  const open: SseClient[] = [];

  const stream = async (token: string | null, options: { query?: string; headers?: Record<string, string> } = {}) => {
    const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers };
    const client = await SseClient.open(base, `/v1/feed/stream${options.query ?? ''}`, headers);
    open.push(client);
    return client;
  };
  const channelOf = (userId: string) => t.app.get(FeedEventChannels).forBucket(t.app.get(FeedKeys).bucketOf(userId));
  // On a cluster the channels are sharded: each master counts the subscribers of its own slots' channels.
  const subscribers = async (channel: string) => {
    if (!isCluster(redis)) return Number(((await redis.pubsub('NUMSUB', channel)) as [string, number])[1]);
    const counts = await Promise.all(redis.nodes('master').map((node) => node.pubsub('SHARDNUMSUB', channel) as Promise<[string, number]>));
    return counts.reduce((sum, [, n]) => sum + Number(n), 0);
  };
  const publish = (channel: string, message: string) =>
    isCluster(redis) ? redis.spublish(channel, message) : redis.publish(channel, message);

  beforeAll(async () => {
    t = await startTestApp({ workers: true, env: { FEED_STREAM_HEARTBEAT_MS: '200' } });
    news = await Newsroom.open(t);
    base = await listen(t);
    redis = t.app.get(REDIS);
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(() => t.close());

  it('pushes an article event within seconds of publishing, to a follower holding a stream', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const client = await stream(reader.token);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(client.headers['cache-control']).toBe('no-cache');
    expect(client.headers['x-accel-buffering']).toBe('no');

    const article = await news.publish([topic]);
    await client.waitFor((c) => c.articleIds().includes(article.id), 5000);

    const [event] = client.events;
    expect(event.event).toBe('article');
    expect(JSON.parse(event.data!)).toEqual({ articleId: article.id, publishedAt: article.publishedAt });
    expect(event.id).toBe(`${Date.parse(article.publishedAt as string)}-${article.id}`);
  });

  it('sends heartbeat comments', async () => {
    const reader = await news.reader([await news.topic()]);
    const client = await stream(reader.token);
    await client.waitFor((c) => c.comments.filter((text) => text === 'ping').length >= 2, 5000);
    expect(client.events).toEqual([]);
  });

  it('does not send a reader the events of another reader, nor of a topic they mute', async () => {
    const [a, b, muted] = [await news.topic(), await news.topic(), await news.topic()];
    const first = await news.reader([a]);
    const second = await news.reader([b, a], [muted]);
    const [firstStream, secondStream] = [await stream(first.token), await stream(second.token)];

    const onlyForFirst = await news.publish([a, muted]);
    await firstStream.waitFor((c) => c.articleIds().includes(onlyForFirst.id));
    const onlyForSecond = await news.publish([b]);
    await secondStream.waitFor((c) => c.articleIds().includes(onlyForSecond.id));
    await waitForQueuesIdle(t);
    const forBoth = await news.publish([a]);
    await firstStream.waitFor((c) => c.articleIds().includes(forBoth.id));
    await secondStream.waitFor((c) => c.articleIds().includes(forBoth.id));

    expect(firstStream.articleIds()).toEqual([onlyForFirst.id, forBoth.id]);
    expect(secondStream.articleIds()).toEqual([onlyForSecond.id, forBoth.id]);
  });

  // A scheduled article is announced only once due: test/medium/scheduled-publishing.spec.ts, on a test clock.
  it('does not announce an edit of an announced article again', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const client = await stream(reader.token);
    const now = await news.publish([topic]);
    await client.waitFor((c) => c.articleIds().includes(now.id));

    const edit = await t.http.patch(`/v1/articles/${now.id}`, { headline: 'Corrected' }, { token: news.editor.token });
    expect(edit.status).toBe(200);
    await waitForQueuesIdle(t);
    const later = await news.publish([topic]);
    await client.waitFor((c) => c.articleIds().includes(later.id));
    expect(client.articleIds()).toEqual([now.id, later.id]);
  });

  it('announces only what the feed would show, whatever a channel message claims', async () => {
    const [topic, other] = [await news.topic(), await news.topic()];
    const reader = await news.reader([topic]);
    const client = await stream(reader.token);
    const scheduled = await news.publish([topic], { publishedAt: new Date(Date.now() + 3_600_000).toISOString() });
    const retracted = await news.publish([topic]);
    const notFollowed = await news.publish([other]);
    const draft = await news.publish([topic], { status: 'draft' });
    await client.waitFor((c) => c.articleIds().includes(retracted.id));
    expect((await t.http.delete(`/v1/articles/${retracted.id}`, { token: news.editor.token })).status).toBe(204);
    const stale = await news.publish([topic]);
    await client.waitFor((c) => c.articleIds().includes(stale.id));

    const channel = channelOf(reader.user.id);
    const forge = (articleId: string) =>
      publish(channel, encodeFeedEvent({ articleId, version: 9, publishedAtSec: 1, userIds: [reader.user.id] }));
    await publish(channel, 'not a feed event');
    for (const article of [scheduled, retracted, notFollowed, draft]) await forge(article.id);
    await forge('999999999');
    const barrier = await news.publish([topic]);
    await client.waitFor((c) => c.articleIds().includes(barrier.id));

    expect(client.articleIds()).toEqual([retracted.id, stale.id, barrier.id]);
  });

  it('resumes after Last-Event-ID with the items missed, oldest first, then goes live without repeats', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const first = await stream(reader.token);
    const seen = await news.publish([topic], { publishedAt: new Date(Date.now() - 60_000).toISOString() });
    await first.waitFor((c) => c.articleIds().includes(seen.id));
    const lastEventId = first.articleEvents()[0].id;
    first.close();

    const missedOlder = await news.publish([topic], { publishedAt: new Date(Date.now() - 30_000).toISOString() });
    const missedNewer = await news.publish([topic]);
    await waitForQueuesIdle(t);

    const resumed = await stream(reader.token, { headers: { 'last-event-id': lastEventId } });
    await resumed.waitFor((c) => c.articleIds().length >= 2);
    // A chunk retried after the backlog was read announces an article again: it is not sent twice.
    const channel = t.app.get(FeedEventChannels).forBucket(t.app.get(FeedKeys).bucketOf(reader.user.id));
    const replay = { articleId: missedNewer.id, version: 1, publishedAtSec: 1, userIds: [reader.user.id] };
    await redis.publish(channel, encodeFeedEvent(replay));
    const live = await news.publish([topic]);
    await resumed.waitFor((c) => c.articleIds().includes(live.id));
    await waitForQueuesIdle(t);
    const again = await news.publish([topic]);
    await resumed.waitFor((c) => c.articleIds().includes(again.id));
    expect(resumed.articleIds()).toEqual([missedOlder.id, missedNewer.id, live.id, again.id]);

    // EventSource style: token and resume position in the query.
    const polyfill = await stream(null, {
      query: `?access_token=${encodeURIComponent(reader.token)}&lastEventId=${encodeURIComponent(lastEventId)}`,
    });
    expect(polyfill.status).toBe(200);
    await polyfill.waitFor((c) => c.articleIds().length >= 4);
    expect(polyfill.articleIds()).toEqual([missedOlder.id, missedNewer.id, live.id, again.id]);
    expect(polyfill.articleEvents().map((e) => e.id)).toEqual(resumed.articleEvents().map((e) => e.id));
  });

  it('answers 401 problem+json before any stream starts, and 400 for unknown parameters or a malformed resume id', async () => {
    const reader = await news.reader([await news.topic()]);
    const anonymous = await t.http.get('/v1/feed/stream');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.body.code).toBe('UNAUTHORIZED');
    const badToken = await t.http.get('/v1/feed/stream', { query: { access_token: 'not-a-token' } });
    expect(badToken.status).toBe(401);
    expect(badToken.body.code).toBe('UNAUTHORIZED');
    const real = await stream(null, { query: '?access_token=nope' });
    expect(real.status).toBe(401);
    expect(real.headers['content-type']).toMatch(/^application\/problem\+json/);

    const unknown = await t.http.get('/v1/feed/stream', { token: reader.token, query: { since: 'x' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'since', message: 'is not an allowed field' }]);
    const badQueryId = await t.http.get('/v1/feed/stream', { token: reader.token, query: { lastEventId: 'yesterday' } });
    expect(badQueryId.status).toBe(400);
    expect(badQueryId.body.errors[0].field).toBe('lastEventId');
    const badHeaderId = await t.http.get('/v1/feed/stream', { token: reader.token, headers: { 'last-event-id': '12-abc' } });
    expect(badHeaderId.status).toBe(400);
    expect(badHeaderId.body.errors[0].field).toBe('Last-Event-ID');
  });

  it('is documented in the OpenAPI document as a text/event-stream answer', async () => {
    const doc = await t.http.get('/docs-json');
    const route = doc.body.paths['/v1/feed/stream'].get;
    expect(Object.keys(route.responses['200'].content)).toEqual(['text/event-stream']);
    expect(route.responses['200'].content['text/event-stream'].example).toContain('event: article');
    const params = route.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`).sort();
    expect(params).toEqual(['header:Last-Event-ID', 'query:access_token', 'query:lastEventId']);
    expect(Object.keys(route.responses).sort()).toEqual(['200', '400', '401', '429', '503']);
  });

  it('holds a subscriber connection only while streams are open', async () => {
    const reader = await news.reader([await news.topic()]);
    const channel = channelOf(reader.user.id);
    const subscriber = t.app.get(FeedEventSubscriber);
    await eventually(async () => !subscriber.connected && (await subscribers(channel)) === 0);

    const [one, two] = [await stream(reader.token), await stream(reader.token)];
    expect(subscriber.connected).toBe(true);
    expect(await subscribers(channel)).toBe(1);
    one.close();
    await one.waitFor((c) => c.ended);
    expect(await subscribers(channel)).toBe(1);
    two.close();
    await eventually(async () => !subscriber.connected && (await subscribers(channel)) === 0);
  });
});
