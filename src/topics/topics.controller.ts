import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../infra/http/api-problems';
import { EmptyQuery } from '../infra/http/empty-query';
import { ApiPageOk } from '../infra/http/openapi/api-answers';
import { Page, withNextLink } from '../infra/http/paging';
import { CreateTopicDto } from './dto/create-topic.dto';
import { ListTopicsQuery } from './dto/list-topics.query';
import { TopicPageResponse, TopicResponse } from './dto/topic.response';
import { UpdateTopicDto } from './dto/update-topic.dto';
import { TopicEditorService } from './topic-editor.service';
import type { TopicView } from './topic-view';
import { TopicsService } from './topics.service';

@ApiTags('topics')
@Controller('v1/topics')
export class TopicsController {
  constructor(
    private readonly topics: TopicsService,
    private readonly editor: TopicEditorService,
  ) {}

  @Public()
  @Get()
  @ApiPageOk(TopicPageResponse, 'Topics; q matches name or slug, case-insensitive')
  async list(
    @Query() query: ListTopicsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<TopicView>> {
    return withNextLink(request, reply, await this.topics.list(query));
  }

  @Public()
  @Get(':slug')
  @ApiOkResponse({ type: TopicResponse })
  @ApiProblems([404, 'TOPIC_NOT_FOUND'])
  get(@Param('slug') slug: string, @Query() _query: EmptyQuery): Promise<TopicView> {
    return this.topics.getView(slug);
  }

  @Post()
  @Roles('editor', 'admin')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: TopicResponse })
  @ApiProblems(
    [400, 'VALIDATION_FAILED', 'also an unknown parentSlug'],
    [403, 'FORBIDDEN', 'editors and admins only'],
    [409, 'TOPIC_EXISTS'],
  )
  create(@Body() body: CreateTopicDto, @Query() _query: EmptyQuery): Promise<TopicView> {
    return this.editor.create(body);
  }

  @Patch(':slug')
  @Roles('editor', 'admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: TopicResponse })
  @ApiProblems(
    [400, 'VALIDATION_FAILED', 'also an unknown parentSlug or a parent cycle'],
    [403, 'FORBIDDEN', 'editors and admins only'],
    [404, 'TOPIC_NOT_FOUND'],
  )
  update(@Param('slug') slug: string, @Body() body: UpdateTopicDto, @Query() _query: EmptyQuery): Promise<TopicView> {
    return this.editor.update(slug, body);
  }
}
