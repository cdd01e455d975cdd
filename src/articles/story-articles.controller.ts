import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { ApiPageOk } from '../infra/http/openapi/api-answers';
import { PageQuery, setNextLink } from '../infra/http/paging';
import { CardPageResponse } from './dto/article.response';
import { StoryArticlesService } from './story-articles.service';

@ApiTags('stories')
@Controller('v1/stories')
export class StoryArticlesController {
  constructor(private readonly storyArticles: StoryArticlesService) {}

  @Get(':key')
  @Public()
  @ApiPageOk(CardPageResponse, "The story's published cards, newest first")
  @ApiBadRequestResponse({
    description: 'VALIDATION_FAILED (limit out of 1..100, a cursor this list did not give out, unknown parameters)',
  })
  @ApiNotFoundResponse({ description: 'STORY_NOT_FOUND: no published article carries the key (also a malformed key)' })
  async list(
    @Param('key') key: string,
    @Query() page: PageQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { json, nextCursor } = await this.storyArticles.list(key, page);
    setNextLink(request, reply, nextCursor);
    await reply.status(200).type('application/json; charset=utf-8').send(json);
  }
}
