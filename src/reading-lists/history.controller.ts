import { Controller, Delete, Get, HttpCode, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators';
import { EmptyQuery } from '../infra/http/empty-query';
import { ApiPageOk } from '../infra/http/openapi/api-answers';
import { Page, PageQuery, withNextLink } from '../infra/http/paging';
import type { User } from '../users/user.entity';
import { HistoryPageResponse } from './dto/reading-lists.response';
import { HistoryListService } from './history-list.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me/history')
export class HistoryController {
  constructor(private readonly history: HistoryListService) {}

  @Get()
  @ApiPageOk(HistoryPageResponse, 'Articles the reader opened (open events), newest open first, each once; retracted ones leave at once')
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (limit out of 1..100, a cursor this list did not give out)' })
  async list(
    @CurrentUser() user: User,
    @Query() query: PageQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<unknown>> {
    return withNextLink(request, reply, await this.history.page(user.id, query));
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'History cleared and learned topic preferences reset (affinities and the events behind them); hidden articles stay hidden',
  })
  async clear(@CurrentUser() user: User, @Query() _query: EmptyQuery): Promise<void> {
    await this.history.clear(user.id);
  }
}
