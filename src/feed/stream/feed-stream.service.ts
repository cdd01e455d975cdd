import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../infra/config/app-config';
import { AppError, validationFailed } from '../../infra/http/app-error';
import type { User } from '../../users/user.entity';
import { EventPosition, parseEventId } from './feed-event-id';
import { FeedStreamBacklog } from './feed-stream-backlog';
import { FeedStreamConnection } from './feed-stream-connection';
import { FeedStreamHub } from './feed-stream-hub';
import { tokenExpiresAtMs } from './token-expiry';

/** Opens a reader's live stream: subscribe first, then read the backlog, so nothing falls in between. */
@Injectable()
export class FeedStreamService {
  constructor(
    private readonly hub: FeedStreamHub,
    private readonly backlog: FeedStreamBacklog,
    private readonly config: AppConfig,
  ) {}

  /** The resume position: the Last-Event-ID header, else the lastEventId query parameter. */
  resumePosition(header: string | string[] | undefined, query: string | undefined): EventPosition | null {
    if (typeof header === 'string' && header !== '') {
      const position = parseEventId(header);
      if (!position) throw validationFailed('Last-Event-ID', 'must be an event id of this stream');
      return position;
    }
    return query ? parseEventId(query) : null;
  }

  async open(user: User, after: EventPosition | null, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const connection = new FeedStreamConnection(user.id, reply.raw);
    try {
      await this.hub.join(connection);
      const { backlog, known } = await this.backlog.read(user, after);
      if (!connection.isOpen) throw new AppError(503, 'DEPENDENCY_UNAVAILABLE', 'The stream closed while opening; reconnect.');
      reply.hijack();
      connection.start(backlog, known, {
        heartbeatMs: this.config.FEED_STREAM_HEARTBEAT_MS,
        endAtMs: tokenExpiresAtMs(request),
      });
    } catch (err) {
      connection.end();
      throw err;
    }
  }
}
