import { Injectable, Logger } from '@nestjs/common';
import webpush from 'web-push';
import { Metrics } from '../infra/metrics/metrics';
import type { JobPayloads } from '../infra/queues/job-catalogue';
import { PushSubscriptionsRepository } from '../push/push-subscriptions.repository';
import { VapidDetails, VapidKeysService } from '../push/vapid-keys.service';
import { Clock } from '../infra/clock/clock';
import { sendPushRequest } from './push-request';
import { AlertsRepository } from './alerts.repository';

const PUSH_TTL_SECONDS = 3600;
const SEND_TIMEOUT_MS = 10_000;
const VAPID_EXPIRY_SECONDS = 12 * 3600;
const VAPID_REUSE_MARGIN_SECONDS = 3600;
// Push services are a handful of hosts (PUSH_ALLOWED_HOSTS); a bound all the same.
const MAX_CACHED_AUDIENCES = 1000;

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
  private readonly authorizations = new Map<string, { value: string; expiresAtSec: number }>();

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly vapid: VapidKeysService,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
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
        // No vapidDetails (nothing here calls webpush.setVapidDetails either): the header is signed once
        // per push service and hour (vapidAuthorization), not per push.
        headers: { Authorization: this.vapidAuthorization(subscription.endpoint, vapidDetails) },
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

  /**
   * The VAPID `Authorization` header for the endpoint's push service (RFC 8292: one JWT per audience,
   * valid up to 24 h): made with a 12 h expiry and reused for its first 11 h.
   */
  private vapidAuthorization(endpoint: string, vapid: VapidDetails): string {
    const audience = new URL(endpoint).origin;
    const key = `${vapid.publicKey} ${audience}`;
    const nowSec = Math.floor(this.clock.nowMs() / 1000);
    const cached = this.authorizations.get(key);
    if (cached && cached.expiresAtSec - nowSec > VAPID_REUSE_MARGIN_SECONDS) return cached.value;
    const expiresAtSec = nowSec + VAPID_EXPIRY_SECONDS;
    const headers = webpush.getVapidHeaders(audience, vapid.subject, vapid.publicKey, vapid.privateKey, 'aes128gcm', expiresAtSec);
    if (this.authorizations.size >= MAX_CACHED_AUDIENCES) this.authorizations.clear();
    this.authorizations.set(key, { value: headers.Authorization, expiresAtSec });
    return headers.Authorization;
  }
}
