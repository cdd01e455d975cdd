import type { ChildProcess } from 'node:child_process';
import { FeedEventSubscriber } from '../../src/feed/stream/feed-event-subscriber';
import { Newsroom } from '../support/newsroom';
import { startTestApp, TestApp } from '../support/test-app';
import { exited, spawnWorker } from '../support/worker-process';
import { listen, SseClient } from './feed-stream-sse-client';

describe('feed stream across processes and at shutdown', () => {
  let t: TestApp;
  let worker: ChildProcess;
  let base: string;
  let closed = false;

  beforeAll(async () => {
    // The API alone: every chunk is written, and announced, by the worker child process.
    t = await startTestApp({ workers: false });
    worker = spawnWorker(t.config);
    base = await listen(t);
  });
  afterAll(async () => {
    worker.kill('SIGTERM');
    await exited(worker);
    if (!closed) await t.close();
  });

  it('delivers events that a separate worker process publishes through Redis', async () => {
    const news = await Newsroom.open(t);
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const client = await SseClient.open(base, '/v1/feed/stream', { authorization: `Bearer ${reader.token}` });
    expect(client.status).toBe(200);
    const article = await news.publish([topic]);
    // Generous: the worker child may still be booting when the article is published.
    await client.waitFor((c) => c.articleIds().includes(article.id), 30_000);
    client.close();
  });

  it('ends open streams on app.close() instead of waiting for them', async () => {
    const news = await Newsroom.open(t);
    const reader = await news.reader([await news.topic()]);
    const clients = [
      await SseClient.open(base, '/v1/feed/stream', { authorization: `Bearer ${reader.token}` }),
      await SseClient.open(base, `/v1/feed/stream?access_token=${reader.token}`),
    ];
    expect(clients.map((c) => c.status)).toEqual([200, 200]);
    const subscriber = t.app.get(FeedEventSubscriber);
    expect(subscriber.connected).toBe(true);
    closed = true;
    await t.close();
    for (const client of clients) await client.waitFor((c) => c.ended);
    expect(subscriber.connected).toBe(false);
  });
});
