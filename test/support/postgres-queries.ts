import pg from 'pg';

export interface SentQuery {
  sql: string;
  /** The connection it went out on: a transaction's statements are those of one client. */
  client: pg.Client;
}

/** Every query any pg client of this process sends, in order (TypeORM and raw pools alike end in Client#query). */
export function recordPostgresQueries(): { sent: SentQuery[]; restore: () => void } {
  const original = pg.Client.prototype.query;
  const sent: SentQuery[] = [];
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config] = args;
    const text = typeof config === 'string' ? config : (config as { text?: unknown } | undefined)?.text;
    const sql = typeof text === 'string' ? text : '';
    sent.push({ sql: sql.replace(/\s+/g, ' ').trim(), client: this });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return { sent, restore: () => void (pg.Client.prototype.query = original) };
}

/** The statements of the transaction, among those sent, that includes a statement matching `marker`. */
export function transactionOf(sent: SentQuery[], marker: RegExp): string[] {
  const at = sent.findIndex((q) => marker.test(q.sql));
  if (at < 0) return [];
  const own = sent.filter((q) => q.client === sent[at].client).map((q) => q.sql);
  const index = own.findIndex((sql) => marker.test(sql));
  const start = own.lastIndexOf('START TRANSACTION', index);
  const end = own.indexOf('COMMIT', index);
  // Outside a transaction: the statement alone.
  return start < 0 || end < 0 ? [own[index]] : own.slice(start, end + 1);
}
