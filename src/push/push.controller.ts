import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Public } from '../auth/auth.decorators';
import { ApiProblems } from '../infra/http/api-problems';
import { EmptyQuery } from '../infra/http/empty-query';
import type { User } from '../users/user.entity';
import {
  CreatePushSubscriptionDto,
  PushSubscriptionListResponse,
  PushSubscriptionResponse,
  VapidPublicKeyResponse,
} from './dto/push-subscription.dto';
import { PushSubscriptionsService } from './push-subscriptions.service';
import { VapidKeysService } from './vapid-keys.service';

@ApiTags('alerts')
@Controller()
export class PushController {
  constructor(
    private readonly subscriptions: PushSubscriptionsService,
    private readonly vapid: VapidKeysService,
  ) {}

  @Get('v1/push/vapid-public-key')
  @Public()
  @ApiOkResponse({ type: VapidPublicKeyResponse })
  async publicKey(@Query() _query: EmptyQuery): Promise<{ publicKey: string }> {
    return { publicKey: (await this.vapid.get()).publicKey };
  }

  @Get('v1/me/push-subscriptions')
  @ApiBearerAuth()
  @ApiOkResponse({ type: PushSubscriptionListResponse })
  async list(@CurrentUser() user: User, @Query() _query: EmptyQuery): Promise<{ items: PushSubscriptionResponse[] }> {
    return { items: await this.subscriptions.list(user.id) };
  }

  @Post('v1/me/push-subscriptions')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: PushSubscriptionResponse, description: 'Created (200: the existing one for this endpoint)' })
  @ApiProblems([409, 'PUSH_SUBSCRIPTION_LIMIT', 'already 10 subscriptions'])
  async subscribe(
    @CurrentUser() user: User,
    @Body() body: CreatePushSubscriptionDto,
    @Query() _query: EmptyQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { subscription, created } = await this.subscriptions.subscribe(user.id, body);
    // Sent by hand: the status depends on the outcome (Nest overwrites a status set on a passthrough reply).
    await reply.status(created ? 201 : 200).send(subscription);
  }

  @Delete('v1/me/push-subscriptions/:id')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiProblems([404, 'PUSH_SUBSCRIPTION_NOT_FOUND'])
  unsubscribe(@CurrentUser() user: User, @Param('id') id: string, @Query() _query: EmptyQuery): Promise<void> {
    return this.subscriptions.unsubscribe(user.id, id);
  }
}
