import { Injectable, Logger } from '@nestjs/common';
import webpush from 'web-push';
import { Metrics } from '../infra/metrics/metrics';
import type { JobPayloads } from '../infra/queues/job-catalogue';
import { PushSubscriptionsRepository } from '../push/push-subscriptions.repository';
import { VapidKeysService } from '../push/vapid-keys.service';
import { AlertsRepository } from './alerts.repository';

const PUSH_TTL_SECONDS = 3600;
const SEND_TIMEOUT_MS = 10_000;

export class PushFailed extends Error {}

/**
 * Sends one alert to one subscription: web-push encrypts (RFC 8291) and signs (VAPID); the request goes
 * out through fetch, since web-push's own sender speaks https only. A failure throws, so BullMQ retries
 * with backoff; 404 or 410 means the subscription is gone, and it is removed.
 */
@Injectable()
export class AlertPushService {
  private readonly logger = new Logger(AlertPushService.name);

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
        vapidDetails,
        TTL: PUSH_TTL_SECONDS,
        contentEncoding: 'aes128gcm',
      },
    );
    let status: number;
    try {
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body ?? undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
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
