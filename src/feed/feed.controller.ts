import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessClaims } from '../auth/access-token.service';
import { CurrentUser, LoginCheckedByRoute } from '../auth/auth.decorators';
import { admitLogin } from '../auth/login-check.service';
import { ApiProblems } from '../infra/http/api-problems';
import { jsonTextWithEtag, jsonWithEtag, notModified } from '../infra/http/etag';
import { ApiEtagOk } from '../infra/http/openapi/api-answers';
import { setNextLink } from '../infra/http/paging';
import { Metrics } from '../infra/metrics/metrics';
import type { ReaderState } from '../reader-state/reader-state';
import type { User } from '../users/user.entity';
import { FeedPageResponse, NewCountResponse } from './dto/feed-page.response';
import { FeedQuery } from './dto/feed-query.dto';
import { NewCountQuery } from './dto/new-count-query.dto';
import { FeedService } from './feed.service';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed')
export class FeedController {
  constructor(
    private readonly feed: FeedService,
    private readonly metrics: Metrics,
  ) {}

  @Get()
  @ApiEtagOk(FeedPageResponse, {
    paged: true,
    description: "A page of the reader's feed; each article once, with the followed topics that brought it",
  })
  @ApiProblems([400, 'VALIDATION_FAILED', 'limit out of 1..50, an unknown mode, or a cursor this feed did not give out'])
  @LoginCheckedByRoute()
  async read(
    @Query() query: FeedQuery,
    @Req() request: FastifyRequest & { accessClaims?: AccessClaims; user?: User },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const claims = request.accessClaims!;
    // The reader state comes with the page's own round trip: the login is checked on it before any answer.
    const admit = (state: ReaderState) => void (request.user = admitLogin(claims, state));
    const isKnown = request.headers['if-none-match'] ? (etag: string) => notModified(request, reply, etag) : undefined;
    const page = await this.metrics.timeFeedRead(query.mode, () => this.feed.pageJson({ userId: claims.sub, admit }, query, isKnown));
    if (page.notModified) return '';
    setNextLink(request, reply, page.nextCursor);
    return jsonTextWithEtag(request, reply, page.json, page.etag);
  }

  @Get('new-count')
  @ApiEtagOk(NewCountResponse)
  @ApiProblems([400, 'VALIDATION_FAILED', 'since missing or not an ISO-8601 date-time'])
  async newCount(
    @CurrentUser() user: User,
    @Query() query: NewCountQuery,
    @Req() request: FastifyRequest & { readerState?: ReaderState },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const count = await this.feed.newCount(user, new Date(query.since), request.readerState);
    return jsonWithEtag(request, reply, { count });
  }
}
