import type { CardView } from './article-view';
import { decodeEnvelope, encodeEnvelope } from './card-envelope';

const card: CardView = {
  id: '7',
  slug: 'a-card',
  headline: 'A "quoted" headline with ,"card": inside',
  summary: ['}'],
  imageUrl: null,
  imageCaption: null,
  authors: [],
  topics: [{ slug: 'world', name: 'World' }],
  priority: 'normal',
  storyKey: 'a-story',
  publishedAt: '2026-11-28T10:00:00.000Z',
  updatedAt: '2026-11-28T10:00:00.000Z',
};
const head = {
  topicIds: ['3'],
  status: 'published' as const,
  publishedAtMs: 1795860000000,
  priority: 'normal' as const,
  storyKey: 'a-story',
};

describe('card envelope', () => {
  it('is the JSON object {topicIds, status, publishedAtMs, priority, storyKey, card}', () => {
    const { value } = encodeEnvelope(head, card);
    expect(JSON.parse(value)).toEqual({ ...head, card });
  });

  it('round-trips, handing out the card JSON as written', () => {
    const { value, cached } = encodeEnvelope(head, card);
    const decoded = decodeEnvelope(value);
    expect(decoded).toEqual(cached);
    expect(decoded!.cardJson).toBe(JSON.stringify(card));
    expect(decoded).toMatchObject(head);
  });

  it.each([
    '',
    'null',
    '{}',
    '{"card":{}}',
    'not json,"card":{}}',
    '{"topicIds":3,"card":{}}',
    // Written before cards carried storyKey: reloaded, so no card shows without it.
    '{"topicIds":["3"],"status":"published","publishedAtMs":1,"priority":"normal","card":{}}',
  ])('reads %p as a miss', (value) => {
    expect(decodeEnvelope(value)).toBeNull();
  });
});
