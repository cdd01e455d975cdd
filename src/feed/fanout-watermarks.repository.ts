import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The fanout_watermarks table: fan-out chunks applied per feed bucket, as Postgres knows them. */
@Injectable()
export class FanoutWatermarksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Adds chunks to several buckets in one statement; rows in bucket order, so two writers never deadlock. */
  async countChunks(byBucket: ReadonlyMap<number, number>): Promise<void> {
    if (!byBucket.size) return;
    const buckets = [...byBucket.keys()].sort((a, b) => a - b);
    await this.db.query(
      `INSERT INTO fanout_watermarks (bucket, chunks)
       SELECT * FROM unnest($1::int[], $2::bigint[]) ORDER BY 1
       ON CONFLICT (bucket) DO UPDATE SET chunks = fanout_watermarks.chunks + EXCLUDED.chunks`,
      [buckets, buckets.map((b) => byBucket.get(b)!)],
    );
  }

  async all(): Promise<Map<number, number>> {
    const rows: { bucket: number; chunks: string }[] = await this.db.query(`SELECT bucket, chunks FROM fanout_watermarks`);
    return new Map(rows.map((r) => [r.bucket, Number(r.chunks)]));
  }
}
