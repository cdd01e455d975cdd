import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The fanout_watermarks table: fan-out chunks applied per feed bucket, as Postgres knows them. */
@Injectable()
export class FanoutWatermarksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async countChunk(bucket: number): Promise<void> {
    await this.db.query(
      `INSERT INTO fanout_watermarks (bucket, chunks) VALUES ($1, 1)
       ON CONFLICT (bucket) DO UPDATE SET chunks = fanout_watermarks.chunks + 1`,
      [bucket],
    );
  }

  async all(): Promise<Map<number, number>> {
    const rows: { bucket: number; chunks: string }[] = await this.db.query(`SELECT bucket, chunks FROM fanout_watermarks`);
    return new Map(rows.map((r) => [r.bucket, Number(r.chunks)]));
  }
}
