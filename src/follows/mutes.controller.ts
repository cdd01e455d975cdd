import { Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblems } from '../infra/http/api-problems';
import { EmptyQuery } from '../infra/http/empty-query';
import type { Page } from '../infra/http/paging';
import type { User } from '../users/user.entity';
import { MuteListResponse, MuteResponse } from './dto/follow.response';
import { MutesService, MuteView } from './mutes.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('v1/me/mutes')
export class MutesController {
  constructor(private readonly mutes: MutesService) {}

  @Get()
  @ApiOkResponse({ type: MuteListResponse })
  async list(@CurrentUser() user: User, @Query() _query: EmptyQuery): Promise<Page<MuteView>> {
    return { items: await this.mutes.list(user.id), nextCursor: null };
  }

  @Put(':slug')
  @ApiOkResponse({ type: MuteResponse })
  @ApiProblems([404, 'TOPIC_NOT_FOUND'], [409, 'MUTE_LIMIT', 'already muting 1000 topics'])
  mute(@CurrentUser() user: User, @Param('slug') slug: string, @Query() _query: EmptyQuery): Promise<MuteView> {
    return this.mutes.mute(user.id, slug);
  }

  @Delete(':slug')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems([404, 'TOPIC_NOT_FOUND'])
  unmute(@CurrentUser() user: User, @Param('slug') slug: string, @Query() _query: EmptyQuery): Promise<void> {
    return this.mutes.unmute(user.id, slug);
  }
}
