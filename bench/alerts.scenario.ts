import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { analyze, followAll, idsOf, insertTopic, insertUsers } from './lib/dataset';
import { ms } from './lib/format';
import { percentile } from './lib/stats';
import type { Scenario } from './scenario';

/**
 * A breaking article to N followers: publish → every alert listed (rows in Postgres, polled) and → the
 * alert event on a sample of the readers' live streams. Creation rate: readers per second from the first
 * alert row to the last.
 */
export const alertsScenario: Scenario = async (ctx) => {
  const { env } = ctx;
  const followers = env.options.quick ? 2_000 : 10_000;
  const streamCount = env.options.quick ? 50 : 200;
  const topic = await insertTopic(env.db, `alerts-${Date.now()}`);
  const users = await insertUsers(env.db, followers, `al${Date.now()}`);
  await followAll(env.db, topic.id, users);
  await analyze(env.db);
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
    const res = await fetch(`${env.baseUrl}/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.editorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ headline: 'Bench breaking alert', body: 'Body.', topicSlugs: [topic.slug], priority: 'breaking' }),
    });
    const article = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`publish answered ${res.status}`);
    const timeline: { at: number; n: number }[] = [];
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [{ n }] = await env.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM alerts WHERE article_id = $1`, [article.id]);
      timeline.push({ at: performance.now() - published, n });
      if (n >= followers || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const streamDeadline = Date.now() + 10_000;
    while (arrivals.length < sample.length && Date.now() < streamDeadline) await new Promise((r) => setTimeout(r, 10));
    const listed: number[] = [];
    let before = 0;
    for (const { at, n } of timeline) {
      for (let i = before; i < n; i++) listed.push(at);
      before = n;
    }
    const first = timeline.find((p) => p.n > 0)?.at ?? NaN;
    const last = timeline[timeline.length - 1].at;
    const rate = (followers / Math.max(1, last - first)) * 1000;
    ctx.log(
      `alerts: ${followers} readers listed in ${ms(last)}, ${Math.round(rate)} readers/s; stream p99 ${ms(percentile(arrivals, 99))}`,
    );
    return {
      rows: [
        {
          section: 'alerts',
          measure: `breaking article to ${followers} followers: publish → alert listed, p50 / p99`,
          measured: `${ms(percentile(listed, 50))} / ${ms(percentile(listed, 99))}`,
          baseline: '',
          ratio: null,
          target: '',
          met: null,
        },
        {
          section: 'alerts',
          measure: `publish → alert event on the stream (${arrivals.length}/${sample.length} sampled streams), p50 / p99`,
          measured: `${ms(percentile(arrivals, 50))} / ${ms(percentile(arrivals, 99))}`,
          baseline: '',
          ratio: percentile(arrivals, 99) / 1000,
          target: 'p99 ≤ 1 s',
          met: arrivals.length === sample.length && percentile(arrivals, 99) <= 1000,
        },
        {
          section: 'alerts',
          measure: 'alert creation, readers/s (first alert row to last)',
          measured: `${Math.round(rate)}/s`,
          baseline: '',
          ratio: rate / 50_000,
          target: '≥ 50,000/s',
          met: rate >= 50_000,
        },
      ],
      cpu: [],
      data: { followers, streams: sample.length, arrivalsMs: arrivals, timeline },
    };
  } finally {
    for (const s of streams) s.destroy();
  }
};

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
