import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../infra/config/app-config';
import { AppError, validationFailed } from '../../infra/http/app-error';
import type { User } from '../../users/user.entity';
import { EventPosition, parseEventId } from './feed-event-id';
import { FeedStreamBacklog } from './feed-stream-backlog';
import { FeedStreamConnection } from './feed-stream-connection';
import { FeedStreamHub } from './feed-stream-hub';
import { StreamLogin, StreamLoginCheck } from './stream-login-check';
import { StreamSlots } from './stream-slots';
import { tokenExpiresAtMs } from './token-expiry';

const tooManyStreams = (max: number, retryAfterSeconds: number) =>
  new AppError(429, 'RATE_LIMITED', `At most ${max} live streams per account may be open; close one first.`, undefined, {
    'retry-after': String(retryAfterSeconds),
  });

/** Opens a reader's live stream: subscribe first, then read the backlog, so nothing falls in between. */
@Injectable()
export class FeedStreamService {
  private readonly logger = new Logger(FeedStreamService.name);

  constructor(
    private readonly hub: FeedStreamHub,
    private readonly backlog: FeedStreamBacklog,
    private readonly config: AppConfig,
    private readonly slots: StreamSlots,
    private readonly logins: StreamLoginCheck,
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
    const connectionId = randomUUID();
    if (!(await this.slots.take(user.id, connectionId))) {
      throw tooManyStreams(this.config.FEED_STREAM_MAX_PER_USER, Math.ceil(this.config.FEED_STREAM_RECHECK_MS / 1000));
    }
    const connection = new FeedStreamConnection(user.id, reply.raw);
    connection.whenEnded(() => void this.slots.release(user.id, connectionId).catch(() => undefined));
    const login = {
      userId: user.id,
      sessionId: (request as { sessionId?: string }).sessionId ?? '',
      role: user.role,
      loginEpoch: user.loginEpoch,
    };
    try {
      await this.hub.join(connection);
      const { backlog, known } = await this.backlog.read(user, after);
      if (!connection.isOpen) throw new AppError(503, 'DEPENDENCY_UNAVAILABLE', 'The stream closed while opening; reconnect.');
      reply.hijack();
      connection.start(backlog, known, {
        heartbeatMs: this.config.FEED_STREAM_HEARTBEAT_MS,
        endAtMs: tokenExpiresAtMs(request),
      });
      this.watch(connection, login, connectionId);
    } catch (err) {
      connection.end();
      throw err;
    }
  }

  /** Every FEED_STREAM_RECHECK_MS: end the stream once its login no longer holds, else renew its slot. */
  private watch(connection: FeedStreamConnection, login: StreamLogin, connectionId: string): void {
    const timer = setInterval(() => void this.recheck(connection, login, connectionId), this.config.FEED_STREAM_RECHECK_MS);
    connection.whenEnded(() => clearInterval(timer));
  }

  private async recheck(connection: FeedStreamConnection, login: StreamLogin, connectionId: string): Promise<void> {
    try {
      if (!(await this.logins.stillValid(login)) || !(await this.slots.take(login.userId, connectionId))) connection.end();
    } catch (err) {
      // A dependency hiccup: keep the stream; the next check decides.
      this.logger.warn(`stream re-check of user ${login.userId}: ${(err as Error).message}`);
    }
  }
}
