import type { CardView } from './article-view';
import { encodeEnvelope } from './card-envelope';
import { cardDigest, decodedCard } from './decoded-cards';

const view = (headline: string): CardView => ({
  id: '41',
  slug: 'a-card',
  headline,
  summary: [],
  imageUrl: null,
  imageCaption: null,
  authors: [],
  topics: [{ slug: 'world', name: 'World' }],
  priority: 'normal',
  storyKey: null,
  publishedAt: '2026-11-28T10:00:00.000Z',
  updatedAt: '2026-11-28T10:00:00.000Z',
});
const head = { topicIds: ['3'], status: 'published' as const, publishedAtMs: 1795860000000, priority: 'normal' as const, storyKey: null };

describe('decoded cards', () => {
  it('decodes a stored card once per version: the same text gives the same card, a new version a new one', () => {
    const first = encodeEnvelope(head, view('First')).value;
    const again = decodedCard(41, `${first}`);
    expect(decodedCard(41, first.slice(0))).toBe(again);
    const second = decodedCard(41, encodeEnvelope(head, view('Second')).value);
    expect(second).not.toBe(again);
    expect(JSON.parse(second!.cardJson).headline).toBe('Second');
  });

  it('gives each version of a card its own digest', () => {
    const a = encodeEnvelope(head, view('A')).value;
    const b = encodeEnvelope(head, view('B')).value;
    expect(cardDigest(42, a)).toBe(cardDigest(42, a));
    expect(cardDigest(42, b)).not.toBe(cardDigest(42, a));
    expect(decodedCard(42, 'not an envelope')).toBeNull();
  });
});
