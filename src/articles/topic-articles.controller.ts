import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { ApiPageOk } from '../infra/http/openapi/api-answers';
import { PageQuery, setNextLink } from '../infra/http/paging';
import { CardPageResponse } from './dto/article.response';
import { TopicArticlesService } from './topic-articles.service';

@ApiTags('topics')
@Controller('v1/topics')
export class TopicArticlesController {
  constructor(private readonly topicArticles: TopicArticlesService) {}

  @Get(':slug/articles')
  @Public()
  @ApiPageOk(CardPageResponse, 'Published cards of the topic, newest first')
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (limit out of 1..100, a cursor this list did not give out)' })
  @ApiNotFoundResponse({ description: 'TOPIC_NOT_FOUND' })
  async list(
    @Param('slug') slug: string,
    @Query() page: PageQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { json, nextCursor } = await this.topicArticles.list(slug, page);
    setNextLink(request, reply, nextCursor);
    await reply.status(200).type('application/json; charset=utf-8').send(json);
  }
}
