import { AppError } from '../infra/http/app-error';
import { ArticleState, newArticleState, planUpdate } from './article-changes';

const now = new Date('2026-11-28T10:00:00.000Z');
const state = (overrides: Partial<ArticleState> = {}): ArticleState => ({
  headline: 'H',
  body: 'B',
  summary: ['s'],
  imageUrl: 'https://x.test/i.png',
  imageCaption: 'c',
  authors: ['A'],
  status: 'published',
  priority: 'normal',
  publishedAt: new Date('2026-11-01T00:00:00.000Z'),
  storyKey: null,
  topicIds: ['1', '2'],
  ...overrides,
});

const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('did not throw');
};

describe('newArticleState', () => {
  it('fills in the POST defaults', () => {
    expect(newArticleState({ headline: 'H', body: 'B', topicIds: ['3'] }, now)).toEqual({
      headline: 'H',
      body: 'B',
      topicIds: ['3'],
      summary: [],
      imageUrl: null,
      imageCaption: null,
      authors: [],
      status: 'published',
      priority: 'normal',
      publishedAt: now,
      storyKey: null,
    });
  });
});

describe('planUpdate', () => {
  it('keeps fields left out and reports no change for an empty patch', () => {
    const plan = planUpdate(state(), {}, now);
    expect(plan).toEqual({ next: state(), changed: false, wasPublished: true, isPublished: true });
  });

  it('clears nullable fields given as null', () => {
    const plan = planUpdate(state(), { imageUrl: null, imageCaption: null }, now);
    expect(plan.next).toMatchObject({ imageUrl: null, imageCaption: null });
    expect(plan.changed).toBe(true);
  });

  it('sees a reordering of topics as a change', () => {
    expect(planUpdate(state(), { topicIds: ['2', '1'] }, now)).toMatchObject({ changed: true });
    expect(planUpdate(state(), { topicIds: ['2', '5', '7'] }, now)).toMatchObject({ changed: true, next: { topicIds: ['2', '5', '7'] } });
  });

  it('compares dates and lists by value', () => {
    const plan = planUpdate(state(), { publishedAt: new Date('2026-11-01T00:00:00.000Z'), summary: ['s'], authors: ['A'] }, now);
    expect(plan.changed).toBe(false);
  });

  it('publishes a draft, moving a past publishedAt to now but keeping a future one', () => {
    const past = planUpdate(state({ status: 'draft' }), { status: 'published' }, now);
    expect(past).toMatchObject({ changed: true, wasPublished: false, isPublished: true });
    expect(past.next.publishedAt).toEqual(now);
    const future = new Date('2026-12-24T00:00:00.000Z');
    expect(planUpdate(state({ status: 'draft', publishedAt: future }), { status: 'published' }, now).next.publishedAt).toEqual(future);
    const given = new Date('2026-10-01T00:00:00.000Z');
    expect(planUpdate(state({ status: 'draft' }), { status: 'published', publishedAt: given }, now).next.publishedAt).toEqual(given);
  });

  it('treats the same status as a no-op', () => {
    expect(planUpdate(state(), { status: 'published' }, now).changed).toBe(false);
    expect(planUpdate(state({ status: 'draft' }), { status: 'draft' }, now).changed).toBe(false);
  });

  it.each([
    ['published', 'draft'],
    ['published', 'retracted'],
    ['draft', 'retracted'],
  ] as const)('refuses %s -> %s with a 400 naming status', (from, to) => {
    const error = errorOf(() => planUpdate(state({ status: from }), { status: to }, now));
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(error.errors).toEqual([{ field: 'status', message: expect.stringContaining('DELETE') }]);
  });

  it('refuses any change to a retracted article with 409 ARTICLE_RETRACTED', () => {
    expect(errorOf(() => planUpdate(state({ status: 'retracted' }), { headline: 'X' }, now))).toMatchObject({
      status: 409,
      code: 'ARTICLE_RETRACTED',
    });
  });
});

describe('planUpdate of storyKey', () => {
  it('keeps it when left out, sets, changes and clears it with null', () => {
    expect(planUpdate(state({ storyKey: 'a' }), {}, now)).toMatchObject({ changed: false, next: { storyKey: 'a' } });
    expect(planUpdate(state(), { storyKey: 'a' }, now)).toMatchObject({ changed: true, next: { storyKey: 'a' } });
    expect(planUpdate(state({ storyKey: 'a' }), { storyKey: 'b' }, now)).toMatchObject({ changed: true, next: { storyKey: 'b' } });
    expect(planUpdate(state({ storyKey: 'a' }), { storyKey: null }, now)).toMatchObject({ changed: true, next: { storyKey: null } });
  });
});
