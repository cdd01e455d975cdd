import { Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblems } from '../infra/http/api-problems';
import { EmptyQuery } from '../infra/http/empty-query';
import type { Page } from '../infra/http/paging';
import type { User } from '../users/user.entity';
import { FollowListResponse, FollowResponse } from './dto/follow.response';
import { FollowsService, FollowView } from './follows.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me/follows')
export class FollowsController {
  constructor(private readonly follows: FollowsService) {}

  @Get()
  @ApiOkResponse({ type: FollowListResponse })
  async list(@CurrentUser() user: User, @Query() _query: EmptyQuery): Promise<Page<FollowView>> {
    return { items: await this.follows.list(user.id), nextCursor: null };
  }

  @Put(':slug')
  @ApiOkResponse({ type: FollowResponse })
  @ApiProblems([404, 'TOPIC_NOT_FOUND'], [409, 'FOLLOW_LIMIT', 'already following 1000 topics'])
  follow(@CurrentUser() user: User, @Param('slug') slug: string, @Query() _query: EmptyQuery): Promise<FollowView> {
    return this.follows.follow(user.id, slug);
  }

  @Delete(':slug')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems([404, 'TOPIC_NOT_FOUND'])
  unfollow(@CurrentUser() user: User, @Param('slug') slug: string, @Query() _query: EmptyQuery): Promise<void> {
    return this.follows.unfollow(user.id, slug);
  }
}
