import { canSee } from './article-visibility';

const now = new Date('2026-11-28T10:00:00.000Z');
const past = new Date('2026-11-28T09:59:59.999Z');
const future = new Date('2026-11-28T10:00:00.001Z');

describe('canSee', () => {
  it('shows published articles whose time has come to anyone', () => {
    for (const viewer of [undefined, { role: 'reader' as const }, { role: 'editor' as const }]) {
      expect(canSee({ status: 'published', publishedAt: past }, viewer, now)).toBe(true);
      expect(canSee({ status: 'published', publishedAt: now }, viewer, now)).toBe(true);
    }
  });

  it.each([
    ['a draft', { status: 'draft' as const, publishedAt: past }],
    ['a scheduled article', { status: 'published' as const, publishedAt: future }],
    ['a retracted article', { status: 'retracted' as const, publishedAt: past }],
  ])('shows %s to editors and admins only', (_name, article) => {
    expect(canSee(article, undefined, now)).toBe(false);
    expect(canSee(article, { role: 'reader' }, now)).toBe(false);
    expect(canSee(article, { role: 'editor' }, now)).toBe(true);
    expect(canSee(article, { role: 'admin' }, now)).toBe(true);
  });
});
