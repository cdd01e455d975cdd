import { Body, Controller, Get, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblems } from '../infra/http/api-problems';
import { EmptyQuery } from '../infra/http/empty-query';
import type { ReaderState } from '../reader-state/reader-state';
import type { User } from '../users/user.entity';
import { MarkersResponse, PutFeedMarkerDto } from './dto/markers.dto';
import { MarkersService } from './markers.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me/markers')
export class MarkersController {
  constructor(private readonly markers: MarkersService) {}

  @Get()
  @ApiOkResponse({ type: MarkersResponse })
  get(
    @CurrentUser() user: User,
    @Query() _query: EmptyQuery,
    @Req() request: FastifyRequest & { readerState?: ReaderState },
  ): Promise<MarkersResponse> {
    return this.markers.get(user, request.readerState);
  }

  @Put('feed')
  @ApiOkResponse({ type: MarkersResponse, description: 'The marker as it stands: it only moves forward' })
  @ApiProblems([404, 'ARTICLE_NOT_FOUND', 'the article is not in this reader’s feed'])
  putFeed(
    @CurrentUser() user: User,
    @Body() body: PutFeedMarkerDto,
    @Query() _query: EmptyQuery,
    @Req() request: FastifyRequest & { readerState?: ReaderState },
  ): Promise<MarkersResponse> {
    return this.markers.putFeed(user, body.articleId, request.readerState);
  }
}
