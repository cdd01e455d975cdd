import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StoredVapidKeys {
  publicKey: string;
  privateKey: string;
}

/** Owner of the vapid_keys table: the one key pair made outside production when none is configured. */
@Injectable()
export class VapidKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Keeps `made` unless a pair is stored already (a race between processes keeps the first), and answers the stored pair. */
  async keepFirst(made: StoredVapidKeys): Promise<StoredVapidKeys> {
    await this.db.query(`INSERT INTO vapid_keys (id, public_key, private_key) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING`, [
      made.publicKey,
      made.privateKey,
    ]);
    const [row]: { public_key: string; private_key: string }[] = await this.db.query(
      `SELECT public_key, private_key FROM vapid_keys WHERE id = 1`,
    );
    return { publicKey: row.public_key, privateKey: row.private_key };
  }
}
