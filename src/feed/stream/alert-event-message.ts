/**
 * What the alert workers announce on a bucket's channel (beside the fan-out's article messages): the
 * alerts just made for readers of that bucket. API processes route each to the reader's open streams.
 */
export interface AlertReason {
  type: 'breaking' | 'topic';
  topic: { slug: string; name: string };
}

export interface AlertEvent {
  userId: string;
  alertId: string;
  articleId: string;
  reason: AlertReason;
}

const ID = /^[1-9]\d{0,17}$/;

export function encodeAlertEvents(alerts: AlertEvent[]): string {
  return JSON.stringify({
    k: 'alerts',
    l: alerts.map((a) => [a.userId, a.alertId, a.articleId, a.reason.type, a.reason.topic.slug, a.reason.topic.name]),
  });
}

/** Null for anything that is not an alert message (the fan-out's own messages among them). */
export function decodeAlertEvents(raw: string): AlertEvent[] | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || (value as { k?: unknown }).k !== 'alerts') return null;
  const list = (value as { l?: unknown }).l;
  if (!Array.isArray(list)) return null;
  const alerts: AlertEvent[] = [];
  for (const item of list as unknown[]) {
    if (!Array.isArray(item) || item.length !== 6) return null;
    const [userId, alertId, articleId, type, slug, name] = item as unknown[];
    if (typeof userId !== 'string' || !ID.test(userId) || typeof alertId !== 'string' || !ID.test(alertId)) return null;
    if (typeof articleId !== 'string' || !ID.test(articleId) || (type !== 'breaking' && type !== 'topic')) return null;
    if (typeof slug !== 'string' || typeof name !== 'string') return null;
    alerts.push({ userId, alertId, articleId, reason: { type, topic: { slug, name } } });
  }
  return alerts;
}
