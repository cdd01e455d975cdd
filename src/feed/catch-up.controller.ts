import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblems } from '../infra/http/api-problems';
import { jsonTextWithEtag } from '../infra/http/etag';
import { ApiEtagOk } from '../infra/http/openapi/api-answers';
import { setNextLink } from '../infra/http/paging';
import type { ReaderState } from '../reader-state/reader-state';
import type { User } from '../users/user.entity';
import { CatchUpService } from './catch-up.service';
import { CatchUpQuery } from './dto/catch-up-query.dto';
import { CatchUpPageResponse } from './dto/feed-page.response';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed/catch-up')
export class CatchUpController {
  constructor(private readonly catchUp: CatchUpService) {}

  @Get()
  @ApiEtagOk(CatchUpPageResponse, {
    paged: true,
    description: 'Feed items after the read marker (else of the last 24 hours), oldest first',
  })
  @ApiProblems([400, 'VALIDATION_FAILED', 'limit out of 1..50, or a cursor catch-up did not give out'])
  async read(
    @CurrentUser() user: User,
    @Query() query: CatchUpQuery,
    @Req() request: FastifyRequest & { readerState?: ReaderState },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const page = await this.catchUp.pageJson(user, query, request.readerState);
    setNextLink(request, reply, page.nextCursor);
    return jsonTextWithEtag(request, reply, page.json);
  }
}
