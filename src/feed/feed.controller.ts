import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, LoginCheckedByRoute } from '../auth/auth.decorators';
import { ApiProblems } from '../infra/http/api-problems';
import { jsonWithEtag } from '../infra/http/etag';
import { ApiEtagOk } from '../infra/http/openapi/api-answers';
import type { ReaderState } from '../reader-state/reader-state';
import type { User } from '../users/user.entity';
import { FeedPageResponse, NewCountResponse } from './dto/feed-page.response';
import { FeedQuery } from './dto/feed-query.dto';
import { NewCountQuery } from './dto/new-count-query.dto';
import { FeedReadRoute } from './feed-read.route';
import { FeedService } from './feed.service';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed')
export class FeedController {
  constructor(
    private readonly feed: FeedService,
    private readonly reads: FeedReadRoute,
  ) {}

  @Get()
  @ApiEtagOk(FeedPageResponse, {
    paged: true,
    description: "A page of the reader's feed; each article once, with the followed topics that brought it",
  })
  @ApiProblems([400, 'VALIDATION_FAILED', 'limit out of 1..50, an unknown mode, or a cursor this feed did not give out'])
  @LoginCheckedByRoute()
  read(@Query() _query: FeedQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    // Not reached once FeedReadRoute.install has run (the app does): it serves this route without Nest's router.
    return this.reads.handle(request, reply);
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
