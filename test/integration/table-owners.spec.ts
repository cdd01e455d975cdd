import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every table's owner folder: its `*.repository.ts` files hold every statement on it (docs/architecture.md). */
const OWNERS: Record<string, string> = {
  users: 'users',
  refresh_tokens: 'auth',
  topics: 'topics',
  follows: 'follows',
  mutes: 'follows',
  articles: 'articles',
  article_topics: 'articles',
  idempotency_keys: 'articles',
  fanout_outbox: 'fanout',
  fanout_watermarks: 'feed',
  feed_events: 'signals',
  topic_affinities: 'signals',
  article_hides: 'signals',
  reading_history: 'signals',
  saved_articles: 'reading-lists',
  muted_words: 'muted-words',
  feed_markers: 'markers',
  reader_state_repairs: 'reader-state',
  alerts: 'alerts',
  alert_settings: 'alerts',
  alert_topics: 'alerts',
  push_subscriptions: 'push',
  vapid_keys: 'push',
};

/**
 * The documented read models (docs/architecture.md, "Read models"): statements that join a table of another
 * owner because one statement is what makes them fast or atomic. Keep this list short; add to it only with a line
 * in the architecture page.
 */
const READ_MODELS: Record<string, string[]> = {
  'src/feed-rules/feed-rule.ts': ['follows', 'mutes', 'article_topics'],
  'src/follows/follows.repository.ts': ['topics', 'users'],
  'src/articles/articles.repository.ts': ['topics'],
  'src/auth/refresh-tokens.repository.ts': ['users'],
  'src/alerts/alerts.repository.ts': ['follows', 'articles', 'topics', 'push_subscriptions'],
  'src/reading-lists/saved.repository.ts': ['articles'],
  'src/signals/history.repository.ts': ['articles'],
};

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

const sources = files('src').filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

const createdTables = files('migrations')
  .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]))
  .sort();

/** `file: table` for each statement naming a table (upper-case SQL keywords, as the house writes it) outside its owner. */
export function trespasses(file: string, text: string, readModels: Record<string, string[]> = READ_MODELS): string[] {
  const names = Object.keys(OWNERS).join('|');
  const found = new Set<string>();
  for (const [, table] of text.matchAll(new RegExp(`\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+(${names})\\b`, 'g'))) {
    const owned = file.startsWith(`src/${OWNERS[table]}/`) && file.endsWith('.repository.ts');
    if (!owned && !(readModels[file] ?? []).includes(table)) found.add(`${file}: ${table}`);
  }
  return [...found];
}

describe('each table has one owner', () => {
  it('knows the owner of every table the migrations create', () => {
    expect(createdTables).toEqual(Object.keys(OWNERS).sort());
  });

  it('runs SQL only in repositories', () => {
    const outside = sources.filter((f) => !f.endsWith('.repository.ts') && /\.query\(|createQueryBuilder/.test(readFileSync(f, 'utf8')));
    expect(outside).toEqual([]);
  });

  it("names a table in SQL only in its owner's repositories and the documented read models", () => {
    expect(sources.flatMap((f) => trespasses(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('finds a trespass, and lets the owner and a documented read model be', () => {
    const sql = 'SELECT 1 FROM follows f JOIN articles a ON a.id = f.topic_id';
    expect(trespasses('src/reader-state/reader-state.repository.ts', sql)).toEqual([
      'src/reader-state/reader-state.repository.ts: follows',
      'src/reader-state/reader-state.repository.ts: articles',
    ]);
    expect(trespasses('src/follows/follows.repository.ts', sql, { 'src/follows/follows.repository.ts': ['articles'] })).toEqual([]);
    expect(trespasses('src/follows/follows.service.ts', sql, {})).toHaveLength(2);
  });

  it('lists each read model in docs/architecture.md', () => {
    const architecture = readFileSync('docs/architecture.md', 'utf8');
    expect(Object.keys(READ_MODELS).filter((f) => !architecture.includes(f.replace(/^src\//, '')))).toEqual([]);
  });
});
