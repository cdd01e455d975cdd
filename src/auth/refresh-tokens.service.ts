import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../infra/config/app-config';
import { AppError } from '../infra/http/app-error';
import { AccessTokenService } from './access-token.service';
import { hashRefreshToken, newRefreshToken } from './refresh-token';
import { RevokedSessionsStore } from './revoked-sessions.store';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

interface FamilyRow {
  user_id: string;
  family_id: string;
}

interface IssuedRow extends FamilyRow {
  login_epoch: number;
}

interface TokenStateRow extends FamilyRow {
  used: boolean;
}

const invalidRefreshToken = () => new AppError(401, 'UNAUTHORIZED', 'The refresh token is invalid, expired or revoked.');

/** Logins as chains ("families") of single-use refresh tokens, each paired with a short-lived access token. */
@Injectable()
export class RefreshTokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accessTokens: AccessTokenService,
    private readonly revoked: RevokedSessionsStore,
    private readonly config: AppConfig,
  ) {}

  /**
   * A new login: a new family, in the account's current login epoch (read in the same statement, so a
   * login racing the end of all logins is issued in the old epoch and ends with the rest).
   */
  async startLogin(userId: string): Promise<Tokens> {
    const familyId = randomUUID();
    const refreshToken = newRefreshToken();
    const rows: IssuedRow[] = await this.dataSource.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, login_epoch)
       SELECT id, $2, $3, now() + make_interval(days => $4), login_epoch FROM users WHERE id = $1
       RETURNING user_id, family_id, login_epoch`,
      [userId, familyId, hashRefreshToken(refreshToken), this.config.REFRESH_TTL_DAYS],
    );
    if (!rows.length) throw invalidRefreshToken(); // the account was erased meanwhile
    return this.tokens(rows[0], refreshToken);
  }

  /**
   * Spends the presented token and issues its successor in one statement: of two concurrent refreshes
   * exactly one matches the row, and the successor exists before any reuse check can revoke the family.
   * A token whose login epoch is behind its account's is dead (every login of the account was ended).
   */
  async rotate(presented: string): Promise<Tokens> {
    const presentedHash = hashRefreshToken(presented);
    const refreshToken = newRefreshToken();
    const rows: IssuedRow[] = await this.dataSource.query(
      `WITH spent AS (
         UPDATE refresh_tokens rt SET used_at = now()
         FROM users u
         WHERE rt.token_hash = $1 AND rt.used_at IS NULL AND rt.revoked_at IS NULL AND rt.expires_at > now()
           AND u.id = rt.user_id AND u.login_epoch = rt.login_epoch
         RETURNING rt.user_id, rt.family_id, rt.login_epoch)
       INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, login_epoch)
       SELECT user_id, family_id, $2, now() + make_interval(days => $3), login_epoch FROM spent
       RETURNING user_id, family_id, login_epoch`,
      [presentedHash, hashRefreshToken(refreshToken), this.config.REFRESH_TTL_DAYS],
    );
    if (rows.length) return this.tokens(rows[0], refreshToken);

    const state = await this.state(presentedHash);
    if (state?.used) {
      // A spent token came back: it was stolen or replayed. End that login, not the user's others.
      await this.revokeFamily(state.family_id);
      throw new AppError(401, 'REFRESH_TOKEN_REUSED', 'This refresh token was already used; the login has been ended.');
    }
    throw invalidRefreshToken();
  }

  /** Ends the login the token belongs to; unknown tokens are ignored (logout is idempotent). */
  async revokeLoginOf(presented: string): Promise<void> {
    const state = await this.state(hashRefreshToken(presented));
    if (state) await this.revokeFamily(state.family_id);
  }

  private async state(tokenHash: Buffer): Promise<TokenStateRow | undefined> {
    const rows: TokenStateRow[] = await this.dataSource.query(
      'SELECT user_id, family_id, used_at IS NOT NULL AS used FROM refresh_tokens WHERE token_hash = $1',
      [tokenHash],
    );
    return rows[0];
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.dataSource.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);
    await this.revoked.revoke(familyId);
  }

  private async tokens(issued: IssuedRow, refreshToken: string): Promise<Tokens> {
    const accessToken = await this.accessTokens.sign(issued.user_id, issued.family_id, issued.login_epoch);
    return { accessToken, refreshToken, expiresIn: this.accessTokens.ttlSeconds };
  }
}
