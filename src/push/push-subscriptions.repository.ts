import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../infra/database/queryable';

export interface PushSubscription {
  id: string;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  createdAt: Date;
}

interface Row {
  id: string;
  user_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: Date;
}

const COLUMNS = `id::text AS id, user_id::text AS user_id, endpoint, p256dh, auth, created_at`;
const toSubscription = (r: Row): PushSubscription => ({
  id: r.id,
  userId: r.user_id,
  endpoint: r.endpoint,
  p256dh: r.p256dh,
  auth: r.auth,
  createdAt: r.created_at,
});

/** The push_subscriptions table. */
@Injectable()
export class PushSubscriptionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(userId: string): Promise<PushSubscription[]> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM push_subscriptions WHERE user_id = $1 ORDER BY id DESC`, [userId]);
    return rows.map(toSubscription);
  }

  async ofUsers(userIds: readonly string[]): Promise<PushSubscription[]> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM push_subscriptions WHERE user_id = ANY($1::bigint[])`, [userIds]);
    return rows.map(toSubscription);
  }

  async byId(id: string): Promise<PushSubscription | undefined> {
    const [row]: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM push_subscriptions WHERE id = $1`, [id]);
    return row && toSubscription(row);
  }

  /** Inside the caller's transaction (user row locked): the existing one for this endpoint, or a new one and the count after. */
  async insert(
    m: Queryable,
    s: Omit<PushSubscription, 'id' | 'createdAt'>,
  ): Promise<{ subscription: PushSubscription; created: boolean; count: number }> {
    const [existing]: Row[] = await m.query(`SELECT ${COLUMNS} FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2`, [
      s.userId,
      s.endpoint,
    ]);
    if (existing) return { subscription: toSubscription(existing), created: false, count: 0 };
    const [row]: Row[] = await m.query(
      `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [s.userId, s.endpoint, s.p256dh, s.auth],
    );
    const [{ n }]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM push_subscriptions WHERE user_id = $1`, [s.userId]);
    return { subscription: toSubscription(row), created: true, count: n };
  }

  /** True when there was one (of this reader, when userId is given). */
  async delete(id: string, userId?: string): Promise<boolean> {
    const [{ n }]: { n: number }[] = await this.db.query(
      `WITH removed AS (DELETE FROM push_subscriptions WHERE id = $1 AND ($2::bigint IS NULL OR user_id = $2) RETURNING 1) SELECT count(*)::int AS n FROM removed`,
      [id, userId ?? null],
    );
    return n > 0;
  }
}
