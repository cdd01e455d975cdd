import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface TokenFamily {
  userId: string;
  familyId: string;
}

export interface TokenState extends TokenFamily {
  used: boolean;
}

/** The refresh_tokens table: logins as chains ("families") of single-use tokens, stored as hashes. */
@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(userId: string, familyId: string, tokenHash: Buffer, ttlDays: number): Promise<void> {
    await this.db.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
      [userId, familyId, tokenHash, ttlDays],
    );
  }

  /**
   * Spends the presented token and stores its successor in one statement: of two concurrent refreshes
   * exactly one matches the row, and the successor exists before any reuse check can revoke the family.
   * Undefined when the presented token is not live.
   */
  async spendAndChain(presentedHash: Buffer, successorHash: Buffer, ttlDays: number): Promise<TokenFamily | undefined> {
    const rows: { user_id: string; family_id: string }[] = await this.db.query(
      `WITH spent AS (
         UPDATE refresh_tokens SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
         RETURNING user_id, family_id)
       INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       SELECT user_id, family_id, $2, now() + make_interval(days => $3) FROM spent
       RETURNING user_id, family_id`,
      [presentedHash, successorHash, ttlDays],
    );
    return rows[0] && { userId: rows[0].user_id, familyId: rows[0].family_id };
  }

  async state(tokenHash: Buffer): Promise<TokenState | undefined> {
    const rows: { user_id: string; family_id: string; used: boolean }[] = await this.db.query(
      'SELECT user_id, family_id, used_at IS NOT NULL AS used FROM refresh_tokens WHERE token_hash = $1',
      [tokenHash],
    );
    return rows[0] && { userId: rows[0].user_id, familyId: rows[0].family_id, used: rows[0].used };
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);
  }
}
