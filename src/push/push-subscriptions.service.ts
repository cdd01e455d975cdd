import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../infra/config/app-config';
import { AppError, notFound, validationFailed } from '../infra/http/app-error';
import { isEntityId } from '../infra/http/entity-id';
import { UsersRepository } from '../users/users.repository';
import type { CreatePushSubscriptionDto, PushSubscriptionResponse } from './dto/push-subscription.dto';
import { isAllowedPushEndpoint, parseAllowedHosts } from './push-endpoint';
import { PushSubscription, PushSubscriptionsRepository } from './push-subscriptions.repository';

export const MAX_PUSH_SUBSCRIPTIONS = 10;

const view = (s: PushSubscription): PushSubscriptionResponse => ({ id: s.id, endpoint: s.endpoint, createdAt: s.createdAt.toISOString() });

@Injectable()
export class PushSubscriptionsService {
  private readonly allowedHosts: string[];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly users: UsersRepository,
    private readonly config: AppConfig,
  ) {
    this.allowedHosts = parseAllowedHosts(config.PUSH_ALLOWED_HOSTS);
  }

  async list(userId: string): Promise<PushSubscriptionResponse[]> {
    return (await this.subscriptions.list(userId)).map(view);
  }

  async subscribe(userId: string, dto: CreatePushSubscriptionDto): Promise<{ subscription: PushSubscriptionResponse; created: boolean }> {
    if (!isAllowedPushEndpoint(dto.endpoint, this.allowedHosts, this.config.isProduction)) {
      throw validationFailed('endpoint', 'must be an https URL of an allowed push service');
    }
    const p256dh = Buffer.from(dto.keys.p256dh, 'base64url');
    if (p256dh.length !== 65 || p256dh[0] !== 4)
      throw validationFailed('keys.p256dh', 'must be an uncompressed P-256 public key (65 bytes)');
    if (Buffer.from(dto.keys.auth, 'base64url').length !== 16) throw validationFailed('keys.auth', 'must be a 16-byte secret');
    return this.db.transaction(async (m) => {
      if (!(await this.users.lockForUpdate(m, userId)))
        throw new AppError(401, 'UNAUTHORIZED', 'The account of this token no longer exists.');
      const { subscription, created, count } = await this.subscriptions.insert(m, {
        userId,
        endpoint: dto.endpoint,
        p256dh: dto.keys.p256dh,
        auth: dto.keys.auth,
      });
      if (created && count > MAX_PUSH_SUBSCRIPTIONS) {
        throw new AppError(
          409,
          'PUSH_SUBSCRIPTION_LIMIT',
          `An account has at most ${MAX_PUSH_SUBSCRIPTIONS} push subscriptions; delete one first.`,
        );
      }
      return { subscription: view(subscription), created };
    });
  }

  async unsubscribe(userId: string, id: string): Promise<void> {
    if (!isEntityId(id) || !(await this.subscriptions.delete(id, userId)))
      throw notFound('PUSH_SUBSCRIPTION_NOT_FOUND', 'The push subscription');
  }
}
