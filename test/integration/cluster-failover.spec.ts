import calculateSlot from 'cluster-key-slot';
import { Redis } from 'ioredis';
import { killNode, startCluster, stopCluster } from '../../scripts/redis-cluster.mjs';
import { FeedKeys } from '../../src/feed/feed-keys';
import { Newsroom } from '../support/newsroom';
import type { CreatedUser } from '../support/users.factory';
import { eventually, waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';

async function replOffset(client: Redis, field: 'master_repl_offset' | 'slave_repl_offset'): Promise<number> {
  const found = new RegExp(`^${field}:(\\d+)`, 'm').exec(await client.info('replication'));
  if (!found) throw new Error(`INFO replication names no ${field}`);
  return Number(found[1]);
}

/**
 * A managed cluster replaces a failed master by its replica (ElastiCache, Memorystore): the service must ride it out.
 * A cluster of its own (3 masters, a replica each, 1 s node timeout), since one of its masters is killed.
 */
describe('a Redis Cluster master fails over', () => {
  let cluster: { dir: string; nodes: string } | undefined;
  let t: TestApp;
  let news: Newsroom;
  const opened: Redis[] = [];
  const ports = () => cluster!.nodes.split(',').map((a) => Number(a.split(':')[1]));
  const node = (port: number) => {
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1 });
    opened.push(client);
    return client;
  };

  beforeAll(async () => {
    cluster = await startCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 1000 });
    t = await startTestApp({ workers: true, env: { REDIS_CLUSTER_NODES: cluster.nodes } });
    news = await Newsroom.open(t);
  });
  afterAll(async () => {
    for (const client of opened) client.disconnect();
    await t?.close();
    if (cluster) stopCluster(cluster.dir);
  });

  it('serves feeds written before the crash, and publishes and fans out again, once the replica has taken over', async () => {
    const topic = await news.topic();
    const readers: CreatedUser[] = [];
    for (let i = 0; i < 6; i++) readers.push(await news.reader([topic]));
    const first = await news.publish([topic]);
    await waitForQueuesIdle(t);
    for (const r of readers) expect(await news.feedIds(r.token)).toEqual([first.id]);

    // The master of the first reader's feed (and reader state: the same slot), once its replica has every write.
    const slot = calculateSlot(t.app.get(FeedKeys).feed(readers[0].user.id));
    const probe = node(ports()[0]);
    const owners = async (via: Redis) => {
      const range = (await via.cluster('SLOTS')).find(([from, to]) => from <= slot && slot <= to);
      return { master: range?.[2]?.[1], replica: range?.[3]?.[1] };
    };
    const { master, replica } = await owners(probe);
    const [toMaster, toReplica] = [node(master!), node(replica!)];
    const written = await replOffset(toMaster, 'master_repl_offset');
    await eventually(async () => (await replOffset(toReplica, 'slave_repl_offset')) >= written);
    toMaster.disconnect();
    killNode(cluster!.dir, master!);

    const survivor = node(ports().find((p) => p !== master)!);
    await eventually(
      async () => (await owners(survivor)).master === replica && (await survivor.cluster('INFO')).includes('cluster_state:ok'),
      { timeoutMs: 20_000 },
    );
    const served = await eventually(
      async () => {
        const res = await t.http.get('/v1/feed', { token: readers[0].token });
        return res.status === 200 ? (res.body.items as { article: { id: string } }[]).map((i) => i.article.id) : null;
      },
      { timeoutMs: 20_000 },
    );
    expect(served).toEqual([first.id]);

    const second = await eventually(() => news.publish([topic]).catch(() => null), { timeoutMs: 20_000 });
    await waitForQueuesIdle(t, { timeoutMs: 30_000 });
    for (const r of readers) expect(await news.feedIds(r.token)).toEqual([second.id, first.id]);
  });
});
