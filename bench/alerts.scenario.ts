import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { analyze, followAll, idsOf, insertTopic, insertUsers, UserRange } from './lib/dataset';
import type { BenchEnv } from './lib/bench-env';
import { ms } from './lib/format';
import { medianRun, percentile } from './lib/stats';
import type { Scenario } from './scenario';

// One reader in this many has a push subscription (on the bench's loopback receiver).
const SUBSCRIBED_EVERY = 5;
const WARMUP_FOLLOWERS = 200;

/**
 * A breaking article to N followers: publish → every alert listed (rows in Postgres, polled) and → the
 * alert event on a sample of the readers' live streams; creation rate: readers per second from the last
 * poll that saw no alert row to the one that saw them all; pushes per second received by a loopback push
 * receiver. A small article first warms the workers (their first job opens connections and compiles), as a
 * running service's are.
 */
export const alertsScenario: Scenario = async (ctx) => {
  const { env } = ctx;
  const followers = env.options.quick ? 2_000 : 10_000;
  const streamCount = env.options.quick ? 50 : 200;
  const receiver = await PushReceiver.open();
  try {
    const warmup = await readers(env, 'alerts-warmup', WARMUP_FOLLOWERS, receiver);
    await publishAndWait(env, warmup.slug, WARMUP_FOLLOWERS);
    await receiver.until(warmup.subscribed, 30_000);
    const runs: AlertRun[] = [];
    for (let r = 0; r < env.options.repeats; r++) {
      receiver.reset();
      const run = await alertRun(env, receiver, followers, streamCount);
      ctx.log(
        `alerts: run ${r + 1}: ${followers} readers listed in ${ms(run.listedP100)}, ${Math.round(run.rate)} readers/s; ` +
          `stream p99 ${ms(run.streamP99)}; ${run.pushes}/${run.subscribed} pushes, ${Math.round(run.pushRate)}/s; ` +
          `bare INSERT ${Math.round(run.bare)} readers/s`,
      );
      runs.push(run);
    }
    const stream = medianRun(runs, (r) => r.streamP99);
    const creation = medianRun(runs, (r) => r.rate);
    const push = medianRun(runs, (r) => r.pushRate);
    const listed = medianRun(runs, (r) => r.listedP99);
    const spread = (key: (r: AlertRun) => number, show: (n: number) => string) =>
      runs.length > 1 ? ` (${runs.length} runs: ${show(Math.min(...runs.map(key)))}–${show(Math.max(...runs.map(key)))})` : '';
    const perSecond = (n: number) => `${Math.round(n)}/s`;
    return {
      rows: [
        {
          section: 'alerts',
          measure: `breaking article to ${followers} followers: publish → alert listed, p50 / p99`,
          measured: `${ms(listed.listedP50)} / ${ms(listed.listedP99)}${spread((r) => r.listedP99, ms)}`,
          baseline: '',
          ratio: null,
          target: '',
          met: null,
        },
        {
          section: 'alerts',
          measure: `publish → alert event on the stream (${stream.arrived}/${stream.sampled} sampled streams), p50 / p99`,
          measured: `${ms(stream.streamP50)} / ${ms(stream.streamP99)}${spread((r) => r.streamP99, ms)}`,
          baseline: '',
          ratio: stream.streamP99 / 1000,
          target: 'p99 ≤ 1 s',
          met: stream.arrived === stream.sampled && stream.streamP99 <= 1000,
        },
        {
          section: 'alerts',
          measure:
            'alert creation, readers/s (last poll with no alert row to the poll with all: a lower bound); baseline: one bare INSERT … SELECT of the same readers',
          measured: `${perSecond(creation.rate)}${spread((r) => r.rate, perSecond)}`,
          baseline: `${perSecond(creation.bare)} (measured ${(creation.rate / creation.bare).toFixed(2)}×)`,
          ratio: creation.rate / 50_000,
          target: '≥ 50,000/s',
          met: creation.rate >= 50_000,
        },
        {
          section: 'alerts',
          measure: `Web Push to a loopback receiver (${push.pushes}/${push.subscribed} subscriptions), pushes/s (first to last); publish → last push`,
          measured: `${perSecond(push.pushRate)}; ${ms(push.lastPush)}${spread((r) => r.pushRate, perSecond)}`,
          baseline: '',
          ratio: null,
          target: '',
          met: null,
        },
      ],
      cpu: [],
      data: { followers, runs },
    };
  } finally {
    await receiver.close();
  }
};

interface AlertRun {
  listedP50: number;
  listedP99: number;
  listedP100: number;
  sampled: number;
  arrived: number;
  streamP50: number;
  streamP99: number;
  rate: number;
  bare: number;
  subscribed: number;
  pushes: number;
  pushRate: number;
  lastPush: number;
  arrivalsMs: number[];
  timeline: { at: number; n: number }[];
}

/** One breaking article to a fresh topic's followers, measured from the POST: rows listed, stream events, pushes. */
async function alertRun(env: BenchEnv, receiver: PushReceiver, followers: number, streamCount: number): Promise<AlertRun> {
  const { slug, users, subscribed } = await readers(env, 'alerts', followers, receiver);
  const ids = idsOf(users);
  const step = Math.max(1, Math.floor(ids.length / streamCount));
  const sample = ids.filter((_, i) => i % step === 0).slice(0, streamCount);
  const arrivals: number[] = [];
  let published = 0;
  const streams = await Promise.all(
    sample.map(async (id) =>
      openStream(`${env.baseUrl}/v1/feed/stream`, await env.tokens.sign(id, randomUUID()), () =>
        arrivals.push(performance.now() - published),
      ),
    ),
  );
  try {
    published = performance.now();
    const timeline = await publishAndWait(env, slug, followers);
    const streamDeadline = Date.now() + 10_000;
    while (arrivals.length < sample.length && Date.now() < streamDeadline) await new Promise((r) => setTimeout(r, 10));
    await receiver.until(subscribed, 60_000);
    const pushes = receiver.times.map((t) => t - published);
    const pushSpan = pushes.length > 1 ? pushes[pushes.length - 1] - pushes[0] : NaN;
    const listed: number[] = [];
    let before = 0;
    for (const { at, n } of timeline) {
      for (let i = before; i < n; i++) listed.push(at);
      before = n;
    }
    // From the last poll that saw no row (the first row came after it) to the poll that saw them all: rows that
    // land between two polls still get a span of at least one poll, so the rate is a lower bound, never a spike.
    const firstSeen = timeline.findIndex((p) => p.n > 0);
    const lastEmpty = firstSeen > 0 ? timeline[firstSeen - 1].at : 0;
    const last = timeline[timeline.length - 1].at;
    return {
      listedP50: percentile(listed, 50),
      listedP99: percentile(listed, 99),
      listedP100: last,
      sampled: sample.length,
      arrived: arrivals.length,
      streamP50: percentile(arrivals, 50),
      streamP99: arrivals.length === sample.length ? percentile(arrivals, 99) : Infinity,
      rate: (followers / Math.max(1, last - lastEmpty)) * 1000,
      bare: await bareInsertRate(env, users),
      subscribed,
      pushes: pushes.length,
      pushRate: ((pushes.length - 1) / pushSpan) * 1000,
      lastPush: pushes[pushes.length - 1],
      arrivalsMs: arrivals,
      timeline,
    };
  } finally {
    for (const s of streams) s.destroy();
  }
}

/**
 * A topic and its followers, every SUBSCRIBED_EVERY-th with a subscription on the receiver. Written
 * straight into the tables, as the bench writes readers and follows: the API runs in production mode,
 * which refuses loopback endpoints (and keeps refusing them); the workers send to whatever is stored.
 */
async function readers(
  env: BenchEnv,
  name: string,
  count: number,
  receiver: PushReceiver,
): Promise<{ slug: string; users: UserRange; subscribed: number }> {
  const stamp = Date.now();
  const topic = await insertTopic(env.db, `${name}-${stamp}`);
  const users = await insertUsers(env.db, count, `${name}${stamp}`);
  await followAll(env.db, topic.id, users);
  const [{ n }] = await env.db.query<{ n: number }[]>(
    `WITH s AS (
       INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth)
       SELECT id, $3 || '/push/' || id, $4, $5 FROM users WHERE id BETWEEN $1 AND $2 AND id % ${SUBSCRIBED_EVERY} = 0
       RETURNING 1)
     SELECT count(*)::int AS n FROM s`,
    [users.first, users.last, receiver.url, receiver.p256dh, receiver.auth],
  );
  await analyze(env.db);
  return { slug: topic.slug, users, subscribed: n };
}

/**
 * The database's own ceiling in this run: the alerts of the same readers for another article (written
 * straight into the table, never published) made by one INSERT … SELECT from follows, no rules, no sends.
 */
async function bareInsertRate(env: BenchEnv, users: UserRange): Promise<number> {
  const [article] = await env.db.query<{ id: string }[]>(
    `INSERT INTO articles (slug, headline, body, status, priority, published_at)
     VALUES ($1, 'Bench bare insert', 'Body.', 'draft', 'breaking', now()) RETURNING id::text AS id`,
    [`bench-bare-insert-${users.first}`],
  );
  const [topic] = await env.db.query<{ id: string }[]>(`SELECT topic_id::text AS id FROM follows WHERE user_id = $1 LIMIT 1`, [
    users.first,
  ]);
  const started = performance.now();
  const [{ n }] = await env.db.query<{ n: number }[]>(
    `WITH made AS (
       INSERT INTO alerts (user_id, article_id, reason_type, reason_topic_id, created_at)
       SELECT user_id, $1, 'breaking', topic_id, now() FROM follows WHERE topic_id = $2 AND user_id BETWEEN $3 AND $4 ORDER BY user_id
       RETURNING 1)
     SELECT count(*)::int AS n FROM made`,
    [article.id, topic.id, users.first, users.last],
  );
  return (n / (performance.now() - started)) * 1000;
}

/** Publishes a breaking article to the topic and polls its alert rows until `expected`; the count over time. */
async function publishAndWait(env: BenchEnv, slug: string, expected: number): Promise<{ at: number; n: number }[]> {
  const published = performance.now();
  const res = await fetch(`${env.baseUrl}/v1/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.editorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ headline: 'Bench breaking alert', body: 'Body.', topicSlugs: [slug], priority: 'breaking' }),
  });
  const article = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`publish answered ${res.status}`);
  const timeline: { at: number; n: number }[] = [];
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [{ n }] = await env.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM alerts WHERE article_id = $1`, [article.id]);
    timeline.push({ at: performance.now() - published, n });
    if (n >= expected) return timeline;
    if (Date.now() > deadline) throw new Error(`only ${n} of ${expected} alerts within 120 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Stands in for the browsers' push services: answers 201 to every push and notes when it came. */
class PushReceiver {
  readonly times: number[] = [];
  // Any valid P-256 key and auth secret: the sender encrypts to them; this receiver need not decrypt.
  readonly p256dh = createECDH('prime256v1').generateKeys().toString('base64url');
  readonly auth = randomBytes(16).toString('base64url');

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {
    server.on('request', (req, res) => {
      req.resume();
      req.on('end', () => {
        this.times.push(performance.now());
        res.writeHead(201).end();
      });
    });
  }

  static async open(): Promise<PushReceiver> {
    const server = http.createServer({ keepAliveTimeout: 60_000 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new PushReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  reset(): void {
    this.times.length = 0;
  }

  async until(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.times.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function openStream(url: string, token: string, onAlert: () => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`stream answered ${response.statusCode}`));
      let seen = false;
      response.setEncoding('utf8');
      response.on('data', (text: string) => {
        if (!seen && text.includes('event: alert')) {
          seen = true;
          onAlert();
        }
      });
      response.on('error', () => undefined);
      resolve(request);
    });
    request.on('error', reject);
  });
}
