import { Body, Controller, Get, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblems } from '../infra/http/api-problems';
import { ApiPageOk } from '../infra/http/openapi/api-answers';
import { EmptyQuery } from '../infra/http/empty-query';
import { Page, withNextLink } from '../infra/http/paging';
import type { User } from '../users/user.entity';
import { AlertSettingsService, AlertSettingsView } from './alert-settings.service';
import { AlertsService, AlertView } from './alerts.service';
import { AlertSettingsDto } from './dto/alert-settings.dto';
import { AlertPageResponse, AlertsPageQuery, MarkAlertsReadDto, UnreadCountResponse } from './dto/alerts.dto';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('v1/me')
export class AlertsController {
  constructor(
    private readonly settings: AlertSettingsService,
    private readonly alerts: AlertsService,
  ) {}

  @Get('alert-settings')
  @ApiOkResponse({ type: AlertSettingsDto })
  getSettings(@CurrentUser() user: User, @Query() _query: EmptyQuery): Promise<AlertSettingsView> {
    return this.settings.get(user.id);
  }

  @Put('alert-settings')
  @ApiOkResponse({ type: AlertSettingsDto })
  putSettings(@CurrentUser() user: User, @Body() body: AlertSettingsDto, @Query() _query: EmptyQuery): Promise<AlertSettingsView> {
    return this.settings.put(user.id, body);
  }

  @Get('alerts')
  @ApiPageOk(AlertPageResponse, 'The reader’s alerts, newest first; a retracted article’s alerts are left out')
  async list(
    @CurrentUser() user: User,
    @Query() query: AlertsPageQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Page<AlertView>> {
    return withNextLink(request, reply, await this.alerts.page(user.id, query));
  }

  @Get('alerts/unread-count')
  @ApiOkResponse({ type: UnreadCountResponse })
  async unreadCount(@CurrentUser() user: User, @Query() _query: EmptyQuery): Promise<UnreadCountResponse> {
    return { count: await this.alerts.unreadCount(user.id) };
  }

  @Post('alerts/read')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems([404, 'ALERT_NOT_FOUND'])
  markRead(@CurrentUser() user: User, @Body() body: MarkAlertsReadDto, @Query() _query: EmptyQuery): Promise<void> {
    return this.alerts.markRead(user.id, body.upTo);
  }
}
