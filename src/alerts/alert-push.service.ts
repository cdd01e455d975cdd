import { Injectable, Logger } from '@nestjs/common';
import webpush from 'web-push';
import { Metrics } from '../infra/metrics/metrics';
import type { JobPayloads } from '../infra/queues/job-catalogue';
import { PushSubscriptionsRepository } from '../push/push-subscriptions.repository';
import { VapidKeysService } from '../push/vapid-keys.service';
import { sendPushRequest } from './push-request';
import { VapidAuthorizations } from './vapid-authorizations';
import { AlertsRepository } from './alerts.repository';

const PUSH_TTL_SECONDS = 3600;
const SEND_TIMEOUT_MS = 10_000;

export class PushFailed extends Error {}

/**
 * Sends one alert to one subscription: web-push encrypts (RFC 8291) and signs (VAPID); the request goes
 * out through Node's http/https with kept-alive connections (push-request.ts), since web-push's own
 * sender speaks https only. A failure throws, so BullMQ retries
 * with backoff; 404 or 410 means the subscription is gone, and it is removed.
 */
@Injectable()
export class AlertPushService {
  private readonly logger = new Logger(AlertPushService.name);
  private readonly authorizations = new VapidAuthorizations();

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly vapid: VapidKeysService,
    private readonly metrics: Metrics,
  ) {}

  async send({ alertId, subscriptionId }: JobPayloads['alerts.push']): Promise<{ status: number | 'skipped' }> {
    const [alert, subscription] = await Promise.all([this.alerts.pushable(alertId), this.subscriptions.byId(subscriptionId)]);
    if (!alert || !subscription || subscription.userId !== alert.userId) return { status: 'skipped' };
    const vapidDetails = await this.vapid.get();
    const payload = JSON.stringify({ alertId: alert.id, articleId: alert.articleId, headline: alert.headline, reason: alert.reasonType });
    const request = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      payload,
      {
        // No vapidDetails (nor webpush.setVapidDetails anywhere): the header comes signed from the cache.
        // Real time, not the Clock: web-push checks the expiry against the real clock.
        headers: { Authorization: this.authorizations.forEndpoint(subscription.endpoint, vapidDetails, Date.now()) },
        TTL: PUSH_TTL_SECONDS,
        contentEncoding: 'aes128gcm',
      },
    );
    let status: number;
    try {
      status = await sendPushRequest(request, SEND_TIMEOUT_MS);
    } catch (error) {
      this.metrics.alertPushes.inc({ outcome: 'failed' });
      throw new PushFailed(`push to subscription ${subscriptionId}: ${(error as Error).message}`);
    }
    if (status === 404 || status === 410) {
      await this.subscriptions.delete(subscriptionId);
      this.metrics.alertPushes.inc({ outcome: 'subscription_removed' });
      return { status };
    }
    if (status < 200 || status >= 300) {
      this.metrics.alertPushes.inc({ outcome: 'failed' });
      throw new PushFailed(`push to subscription ${subscriptionId}: the push service answered ${status}`);
    }
    this.metrics.alertPushes.inc({ outcome: 'sent' });
    this.logger.debug({ alertId, subscriptionId, status }, 'pushed');
    return { status };
  }
}
