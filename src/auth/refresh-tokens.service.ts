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

  /** A new login: a new family. */
  async startLogin(userId: string): Promise<Tokens> {
    const familyId = randomUUID();
    const refreshToken = newRefreshToken();
    await this.dataSource.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
      [userId, familyId, hashRefreshToken(refreshToken), this.config.REFRESH_TTL_DAYS],
    );
    return this.tokens(userId, familyId, refreshToken);
  }

  /**
   * Spends the presented token and issues its successor in one statement: of two concurrent refreshes
   * exactly one matches the row, and the successor exists before any reuse check can revoke the family.
   */
  async rotate(presented: string): Promise<Tokens> {
    const presentedHash = hashRefreshToken(presented);
    const refreshToken = newRefreshToken();
    const rows: FamilyRow[] = await this.dataSource.query(
      `WITH spent AS (
         UPDATE refresh_tokens SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
         RETURNING user_id, family_id)
       INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       SELECT user_id, family_id, $2, now() + make_interval(days => $3) FROM spent
       RETURNING user_id, family_id`,
      [presentedHash, hashRefreshToken(refreshToken), this.config.REFRESH_TTL_DAYS],
    );
    if (rows.length) return this.tokens(rows[0].user_id, rows[0].family_id, refreshToken);

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

  private async tokens(userId: string, familyId: string, refreshToken: string): Promise<Tokens> {
    const accessToken = await this.accessTokens.sign(userId, familyId);
    return { accessToken, refreshToken, expiresIn: this.accessTokens.ttlSeconds };
  }
}
