import { api, SessionEnded } from './api.js';

export type SignalType = 'open' | 'dwell' | 'save' | 'hide' | 'less_like_this';

/** Reading signals are best effort: a lost one must never disturb the reader. */
export function sendSignal(articleId: string, type: SignalType, extra: { dwellMs?: number } = {}, keepalive = false): Promise<void> {
  return api<void>('POST', '/v1/feed/events', { events: [{ articleId, type, ...extra }] }, { keepalive }).catch((error: unknown) => {
    if (!(error instanceof SessionEnded)) console.warn('signal not sent', error);
  });
}
