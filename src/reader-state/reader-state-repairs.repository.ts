import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RepairNote {
  id: string;
  userId: string;
}

/** The reader_state_repairs table: readers whose Redis state copy is to be dropped (docs/feed.md, "Reader state"). */
@Injectable()
export class ReaderStateRepairsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One note per reader, in one statement; answers the notes' ids. */
  async note(userIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO reader_state_repairs (user_id) SELECT unnest($1::bigint[]) RETURNING id::text AS id`,
      [userIds],
    );
    return rows.map((r) => r.id);
  }

  async clear(ids: string[]): Promise<void> {
    await this.db.query(`DELETE FROM reader_state_repairs WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** The oldest notes taken more than `seconds` ago (by Postgres's clock, the one that stamped them). */
  async olderThan(seconds: number, limit: number): Promise<RepairNote[]> {
    const rows: { id: string; user_id: string }[] = await this.db.query(
      `SELECT id::text AS id, user_id::text AS user_id FROM reader_state_repairs
        WHERE noted_at < now() - make_interval(secs => $1) ORDER BY noted_at LIMIT $2`,
      [seconds, limit],
    );
    return rows.map((r) => ({ id: r.id, userId: r.user_id }));
  }
}
