import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { AccessTokenService } from '../auth/access-token.service';
import { bearerToken } from '../auth/auth.guard';
import { admitLogin, unauthorized } from '../auth/login-check.service';
import { jsonTextWithEtag, notModified } from '../infra/http/etag';
import { setNextLink } from '../infra/http/paging';
import { sendProblem } from '../infra/http/problem.filter';
import { unsafeTextReason } from '../infra/http/unsafe-text';
import { StrictValidationPipe } from '../infra/http/validation.pipe';
import { Metrics } from '../infra/metrics/metrics';
import type { FeedMode } from '../ranking/feed-score';
import type { ReaderState } from '../reader-state/reader-state';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { FeedQuery } from './dto/feed-query.dto';
import { FeedService } from './feed.service';

type FeedRequest = FastifyRequest & { sessionId?: string };
type CheckedQuery = { mode: FeedMode; limit: number; cursor?: string };

const MAX_LIMIT = 50;
const PLAIN_LIMIT = /^[1-9]\d?$/;

/**
 * The common query of a feed read, checked by hand: only `limit`, `mode` and `cursor`, each once, in their
 * plain form. Anything else is left to the DTO's own validation (undefined), so every answer stays its answer.
 */
export function plainFeedQuery(query: Record<string, unknown>): CheckedQuery | undefined {
  const checked: CheckedQuery = { mode: 'ranked', limit: 20 };
  for (const key in query) {
    const value = query[key];
    if (typeof value !== 'string') return undefined;
    if (key === 'limit') {
      if (!PLAIN_LIMIT.test(value) || Number(value) > MAX_LIMIT) return undefined;
      checked.limit = Number(value);
    } else if (key === 'mode') {
      if (value !== 'ranked' && value !== 'latest') return undefined;
      checked.mode = value;
    } else if (key === 'cursor') {
      if (value.length > 512 || unsafeTextReason(value)) return undefined;
      checked.cursor = value;
    } else return undefined;
  }
  return checked;
}

/**
 * GET /v1/feed, the hottest route, served as a plain Fastify handler: FeedController declares it (OpenAPI, the
 * route itself) and this handler replaces Nest's router and validation pipe on it. It does what the AuthGuard,
 * the pipe and ProblemFilter do for it, in the guard's order, except that a login that no longer stands is a
 * 401 before a bad query's 400 (docs/feed.md).
 */
@Injectable()
export class FeedReadRoute implements OnModuleInit {
  private readonly logger = new Logger('http');
  private readonly pipe = new StrictValidationPipe();
  private tokens!: AccessTokenService;

  constructor(
    private readonly feed: FeedService,
    private readonly readerStates: ReaderStateService,
    private readonly metrics: Metrics,
    private readonly modules: ModuleRef,
  ) {}

  onModuleInit(): void {
    // AuthModule keeps its providers to itself; the route needs the guard's token check.
    this.tokens = this.modules.get(AccessTokenService, { strict: false });
  }

  /** Swaps Nest's handler of GET (and HEAD) /v1/feed for `handle`; call before Nest registers its routes. */
  static install(app: NestFastifyApplication): void {
    const fastify = app.getHttpAdapter().getInstance();
    const route = app.get(FeedReadRoute, { strict: false });
    const handler: RouteHandlerMethod = (request, reply) => route.handle(request, reply);
    fastify.addHook('onRoute', (options) => {
      if (options.url === '/v1/feed') options.handler = handler;
    });
  }

  async handle(request: FeedRequest, reply: FastifyReply): Promise<FastifyReply> {
    try {
      return reply.send(await this.answer(request, reply));
    } catch (error) {
      sendProblem(error, request, reply, this.logger);
      return reply;
    }
  }

  private async answer(request: FeedRequest, reply: FastifyReply): Promise<string> {
    const token = bearerToken(request);
    if (!token) throw unauthorized('Sign in: this route needs an access token.');
    const claims = this.tokens.verify(token);
    if (!claims) throw unauthorized('The access token is invalid or expired.');
    request.sessionId = claims.sid;
    const raw = request.query as Record<string, unknown>;
    const query = plainFeedQuery(raw) ?? (await this.checkedQuery(raw, () => this.readerStates.get(claims.sub), claims));
    // The reader state comes with the page's own round trip: the login is checked on it before any answer.
    const admit = (state: ReaderState) => void ((request as FeedRequest & { user?: unknown }).user = admitLogin(claims, state));
    const isKnown = request.headers['if-none-match'] ? (etag: string) => notModified(request, reply, etag) : undefined;
    const page = await this.metrics.timeFeedRead(query.mode, () => this.feed.pageJson({ userId: claims.sub, admit }, query, isKnown));
    if (page.notModified) return '';
    setNextLink(request, reply, page.nextCursor);
    return jsonTextWithEtag(request, reply, page.json, page.etag);
  }

  /** The DTO's validation, answered only to a login that still stands. */
  private async checkedQuery(
    raw: Record<string, unknown>,
    state: () => Promise<ReaderState>,
    claims: Parameters<typeof admitLogin>[0],
  ): Promise<CheckedQuery> {
    try {
      return (await this.pipe.transform(raw, { type: 'query', metatype: FeedQuery, data: undefined })) as FeedQuery;
    } catch (error) {
      admitLogin(claims, await state());
      throw error;
    }
  }
}
