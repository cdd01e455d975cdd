import { Controller, Delete, Get, HttpCode, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators';
import { EmptyQuery } from '../infra/http/empty-query';
import { ApiPageOk } from '../infra/http/openapi/api-answers';
import { Page, PageQuery, withNextLink } from '../infra/http/paging';
import type { User } from '../users/user.entity';
import { SavedPageResponse } from './dto/reading-lists.response';
import { SavedService } from './saved.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me/saved')
export class SavedController {
  constructor(private readonly saved: SavedService) {}

  @Get()
  @ApiPageOk(SavedPageResponse, 'Saved stories, newest save first; retracted ones leave the list at once')
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (limit out of 1..100, a cursor this list did not give out)' })
  async list(
    @CurrentUser() user: User,
    @Query() query: PageQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<unknown>> {
    return withNextLink(request, reply, await this.saved.page(user.id, query));
  }

  @Put(':articleId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Saved (idempotent: saving again keeps the first savedAt)' })
  @ApiNotFoundResponse({ description: 'ARTICLE_NOT_FOUND: unknown, draft, scheduled or retracted' })
  async save(@CurrentUser() user: User, @Param('articleId') articleId: string, @Query() _query: EmptyQuery): Promise<void> {
    await this.saved.save(user.id, articleId);
  }

  @Delete(':articleId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'No longer saved (idempotent)' })
  @ApiNotFoundResponse({ description: 'ARTICLE_NOT_FOUND: the id cannot name an article' })
  async unsave(@CurrentUser() user: User, @Param('articleId') articleId: string, @Query() _query: EmptyQuery): Promise<void> {
    await this.saved.unsave(user.id, articleId);
  }
}
