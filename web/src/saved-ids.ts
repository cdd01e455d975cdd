import { api } from './api.js';
import type { Card, Page } from './types.js';

/** Which articles the reader saved, so every view names its button Save or Saved alike. */
export class SavedIds {
  private readonly ids = new Set<string>();
  private readonly listeners = new Set<() => void>();

  async load(): Promise<void> {
    const page = await api<Page<{ article: Card }>>('GET', '/v1/me/saved?limit=100');
    this.ids.clear();
    for (const item of page.items) this.ids.add(item.article.id);
    this.changed();
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  async save(id: string): Promise<void> {
    await api('PUT', `/v1/me/saved/${encodeURIComponent(id)}`);
    this.ids.add(id);
    this.changed();
  }

  async remove(id: string): Promise<void> {
    await api('DELETE', `/v1/me/saved/${encodeURIComponent(id)}`);
    this.ids.delete(id);
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
