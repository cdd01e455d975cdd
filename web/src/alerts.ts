import { api, isNotFound } from './api.js';

/**
 * The unread alert count behind the navigation's `Alerts, <n> unread`. A 404 means this API has
 * no alerts yet: the count stays hidden and nothing else changes.
 */
export class AlertCount {
  private count = 0;
  private readonly listeners = new Set<(count: number) => void>();

  async refresh(): Promise<void> {
    try {
      const answer = await api<{ count: number }>('GET', '/v1/me/alerts/unread-count');
      this.set(answer.count);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.set(0);
    }
  }

  set(count: number): void {
    this.count = count;
    for (const listener of this.listeners) listener(count);
  }

  get value(): number {
    return this.count;
  }

  onChange(listener: (count: number) => void): void {
    this.listeners.add(listener);
  }
}
