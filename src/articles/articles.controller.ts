import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, OptionalUser, Public, Roles } from '../auth/auth.decorators';
import { EmptyQuery } from '../infra/http/empty-query';
import type { User } from '../users/user.entity';
import { ArticlesService } from './articles.service';
import { ArticleResponse } from './dto/article.response';
import { CreateArticleDto } from './dto/create-article.dto';
import { UpdateArticleDto } from './dto/update-article.dto';
import { parseIdempotencyKey, requestFingerprint } from './idempotency-key';

@ApiTags('articles')
@Controller('v1/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Post()
  @Roles('editor', 'admin')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: ArticleResponse, description: 'Created' })
  @ApiOkResponse({ type: ArticleResponse, description: 'The article with this externalId, updated' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (an unknown topic slug is named in errors[])' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: editors and admins only' })
  @ApiConflictResponse({ description: 'ARTICLE_RETRACTED: the article with this externalId is retracted' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      '1..255 visible ASCII characters. The same key from the same account within 24 hours answers the first ' +
      "request's status and article and creates nothing new (concurrent repeats included).",
  })
  @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED: this Idempotency-Key came with a different body' })
  async create(
    @Body() dto: CreateArticleDto,
    @Query() _query: EmptyQuery,
    @CurrentUser() user: User,
    @Headers('idempotency-key') idempotencyKey: string | string[] | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const key = parseIdempotencyKey(idempotencyKey);
    const idempotent = key === undefined ? undefined : { userId: user.id, key, fingerprint: requestFingerprint(dto) };
    const { article, created } = await this.articles.create(dto, idempotent);
    // Sent by hand: the status depends on the outcome, and Nest would overwrite one set on a passthrough reply.
    await reply.status(created ? 201 : 200).send(article);
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: ArticleResponse })
  @ApiNotFoundResponse({ description: 'ARTICLE_NOT_FOUND (also drafts, scheduled and retracted articles for readers)' })
  get(@Param('id') id: string, @OptionalUser() viewer: User | undefined, @Query() _query: EmptyQuery) {
    return this.articles.get(id, viewer);
  }

  @Patch(':id')
  @Roles('editor', 'admin')
  @ApiBearerAuth()
  @ApiOkResponse({ type: ArticleResponse })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: editors and admins only' })
  @ApiNotFoundResponse({ description: 'ARTICLE_NOT_FOUND' })
  @ApiConflictResponse({ description: 'ARTICLE_RETRACTED' })
  patch(@Param('id') id: string, @Body() dto: UpdateArticleDto, @Query() _query: EmptyQuery) {
    return this.articles.patch(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('editor', 'admin')
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Retracted (also when it already was)' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: editors and admins only' })
  @ApiNotFoundResponse({ description: 'ARTICLE_NOT_FOUND' })
  async retract(@Param('id') id: string, @Query() _query: EmptyQuery): Promise<void> {
    await this.articles.retract(id);
  }
}
