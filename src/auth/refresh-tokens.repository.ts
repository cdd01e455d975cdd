import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface TokenFamily {
  userId: string;
  familyId: string;
}

export interface IssuedFamily extends TokenFamily {
  /** The account's login epoch the login was issued in. */
  loginEpoch: number;
}

export interface TokenState extends TokenFamily {
  used: boolean;
}

/** The refresh_tokens table: logins as chains ("families") of single-use tokens, stored as hashes. */
@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * A new login in the account's current login epoch (read in the same statement, so a login racing the end of
   * all logins is issued in the old epoch and ends with the rest). Undefined when the account is gone.
   */
  async insert(userId: string, familyId: string, tokenHash: Buffer, ttlDays: number): Promise<IssuedFamily | undefined> {
    const rows: IssuedRow[] = await this.db.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, login_epoch)
       SELECT id, $2, $3, now() + make_interval(days => $4), login_epoch FROM users WHERE id = $1
       RETURNING user_id::text AS user_id, family_id, login_epoch`,
      [userId, familyId, tokenHash, ttlDays],
    );
    return rows[0] && issued(rows[0]);
  }

  /**
   * Spends the presented token and stores its successor in one statement: of two concurrent refreshes
   * exactly one matches the row, and the successor exists before any reuse check can revoke the family.
   * Undefined when the presented token is not live.
   */
  async spendAndChain(presentedHash: Buffer, successorHash: Buffer, ttlDays: number): Promise<IssuedFamily | undefined> {
    const rows: IssuedRow[] = await this.db.query(
      `WITH spent AS (
         UPDATE refresh_tokens rt SET used_at = now()
         FROM users u
         WHERE rt.token_hash = $1 AND rt.used_at IS NULL AND rt.revoked_at IS NULL AND rt.expires_at > now()
           AND u.id = rt.user_id AND u.login_epoch = rt.login_epoch
         RETURNING rt.user_id, rt.family_id, rt.login_epoch)
       INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, login_epoch)
       SELECT user_id, family_id, $2, now() + make_interval(days => $3), login_epoch FROM spent
       RETURNING user_id::text AS user_id, family_id, login_epoch`,
      [presentedHash, successorHash, ttlDays],
    );
    return rows[0] && issued(rows[0]);
  }

  async state(tokenHash: Buffer): Promise<TokenState | undefined> {
    const rows: { user_id: string; family_id: string; used: boolean }[] = await this.db.query(
      'SELECT user_id, family_id, used_at IS NOT NULL AS used FROM refresh_tokens WHERE token_hash = $1',
      [tokenHash],
    );
    return rows[0] && { userId: rows[0].user_id, familyId: rows[0].family_id, used: rows[0].used };
  }

  /** The login families of the account ended within the last `seconds` (a reader's state keeps them). */
  async endedFamilies(userId: string, seconds: number): Promise<string[]> {
    const rows: { family_id: string }[] = await this.db.query(
      `SELECT DISTINCT family_id::text AS family_id FROM refresh_tokens
        WHERE user_id = $1 AND revoked_at > now() - make_interval(secs => $2)`,
      [userId, seconds],
    );
    return rows.map((r) => r.family_id);
  }

  /** Ends the login (a family that already ended keeps its end time). */
  async revokeFamily(familyId: string): Promise<void> {
    await this.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }
}

interface IssuedRow {
  user_id: string;
  family_id: string;
  login_epoch: number;
}

const issued = (row: IssuedRow): IssuedFamily => ({ userId: row.user_id, familyId: row.family_id, loginEpoch: row.login_epoch });
