import { isInQuietHours, QuietHours } from './quiet-hours';

export interface PushLimits {
  quietHours: QuietHours | null;
  maxPerDay: number;
}

/**
 * Which of these new alerts (oldest first) are pushed now: none in the reader's quiet hours, and no more
 * than maxPerDay pushes in the last 24 hours. Held-back pushes are not sent later.
 */
export function decidePushes(
  alerts: readonly { id: string; userId: string }[],
  limits: Map<string, PushLimits>,
  pushedLastDay: Map<string, number>,
  nowMs: number,
): { push: string[]; held: string[] } {
  const used = new Map(pushedLastDay);
  const push: string[] = [];
  const held: string[] = [];
  for (const alert of alerts) {
    const limit = limits.get(alert.userId) ?? { quietHours: null, maxPerDay: 10 };
    const count = used.get(alert.userId) ?? 0;
    if (isInQuietHours(limit.quietHours, nowMs) || count >= limit.maxPerDay) {
      held.push(alert.id);
      continue;
    }
    used.set(alert.userId, count + 1);
    push.push(alert.id);
  }
  return { push, held };
}
