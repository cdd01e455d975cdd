import { Module } from '@nestjs/common';
import { PushSubscriptionsRepository } from './push-subscriptions.repository';
import { VapidKeysRepository } from './vapid-keys.repository';
import { VapidKeysService } from './vapid-keys.service';

/** Push subscriptions and the VAPID keys: the API and the push workers use them. */
@Module({
  providers: [PushSubscriptionsRepository, VapidKeysRepository, VapidKeysService],
  exports: [PushSubscriptionsRepository, VapidKeysService],
})
export class PushDataModule {}
