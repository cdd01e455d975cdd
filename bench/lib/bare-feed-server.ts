import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { decodeEnvelope } from '../../src/articles/card-envelope';
import { RECORD_BYTES } from '../../src/feed/feed-record';
import { createRedis } from '../../src/infra/redis/redis';

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The floor of a feed read on this box: the same two Redis reads (GET the packed window, MGET
 * 20 cards) and the cards spliced into JSON, with no auth, no Postgres, no ranking and no Nest.
 * The reader comes from an `x-reader` header.
 */
export async function startBareFeedServer(opts: {
  redisUrl: string;
  feedKey: (userId: string) => string;
  cardKey: (articleId: number) => string;
  limit: number;
}): Promise<BareServer> {
  const redis = createRedis(opts.redisUrl);
  const app = Fastify({ logger: false });
  app.get('/bare/feed', async (request, reply) => {
    const reader = String(request.headers['x-reader'] ?? '');
    const window = await redis.getBuffer(opts.feedKey(reader));
    if (!window) return reply.code(404).send({ error: 'no feed' });
    const ids: number[] = [];
    for (let at = window.length - RECORD_BYTES; at >= 0 && ids.length < opts.limit; at -= RECORD_BYTES) ids.push(window.readUInt32BE(at));
    const values = ids.length ? await redis.mget(ids.map(opts.cardKey)) : [];
    const items: string[] = [];
    for (const value of values) {
      const card = value && decodeEnvelope(value);
      if (card) items.push(`{"article":${card.cardJson},"reasons":[]}`);
    }
    return reply.type('application/json; charset=utf-8').send(`{"items":[${items.join(',')}],"nextCursor":null,"state":"ready"}`);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
