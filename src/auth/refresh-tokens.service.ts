import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../infra/config/app-config';
import { AppError } from '../infra/http/app-error';
import { AccessTokenService } from './access-token.service';
import { hashRefreshToken, newRefreshToken } from './refresh-token';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { RevokedSessionsStore } from './revoked-sessions.store';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const invalidRefreshToken = () => new AppError(401, 'UNAUTHORIZED', 'The refresh token is invalid, expired or revoked.');

/** Logins as chains ("families") of single-use refresh tokens, each paired with a short-lived access token. */
@Injectable()
export class RefreshTokensService {
  constructor(
    private readonly repository: RefreshTokensRepository,
    private readonly accessTokens: AccessTokenService,
    private readonly revoked: RevokedSessionsStore,
    private readonly config: AppConfig,
  ) {}

  /** A new login: a new family. */
  async startLogin(userId: string): Promise<Tokens> {
    const familyId = randomUUID();
    const refreshToken = newRefreshToken();
    await this.repository.insert(userId, familyId, hashRefreshToken(refreshToken), this.config.REFRESH_TTL_DAYS);
    return this.tokens(userId, familyId, refreshToken);
  }

  /** Spends the presented token and issues its successor (one statement: a race has one winner). */
  async rotate(presented: string): Promise<Tokens> {
    const presentedHash = hashRefreshToken(presented);
    const refreshToken = newRefreshToken();
    const family = await this.repository.spendAndChain(presentedHash, hashRefreshToken(refreshToken), this.config.REFRESH_TTL_DAYS);
    if (family) return this.tokens(family.userId, family.familyId, refreshToken);

    const state = await this.repository.state(presentedHash);
    if (state?.used) {
      // A spent token came back: it was stolen or replayed. End that login, not the user's others.
      await this.revokeFamily(state.familyId);
      throw new AppError(401, 'REFRESH_TOKEN_REUSED', 'This refresh token was already used; the login has been ended.');
    }
    throw invalidRefreshToken();
  }

  /** Ends the login the token belongs to; unknown tokens are ignored (logout is idempotent). */
  async revokeLoginOf(presented: string): Promise<void> {
    const state = await this.repository.state(hashRefreshToken(presented));
    if (state) await this.revokeFamily(state.familyId);
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.repository.revokeFamily(familyId);
    await this.revoked.revoke(familyId);
  }

  private async tokens(userId: string, familyId: string, refreshToken: string): Promise<Tokens> {
    const accessToken = await this.accessTokens.sign(userId, familyId);
    return { accessToken, refreshToken, expiresIn: this.accessTokens.ttlSeconds };
  }
}
