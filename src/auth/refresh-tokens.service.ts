import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../infra/config/app-config';
import { AppError } from '../infra/http/app-error';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { AccessTokenService } from './access-token.service';
import { hashRefreshToken, newRefreshToken } from './refresh-token';
import { IssuedFamily, RefreshTokensRepository } from './refresh-tokens.repository';
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
    private readonly readerState: ReaderStateService,
    private readonly config: AppConfig,
  ) {}

  /**
   * A new login: a new family, in the account's current login epoch (read in the same statement, so a
   * login racing the end of all logins is issued in the old epoch and ends with the rest).
   */
  async startLogin(userId: string): Promise<Tokens> {
    const familyId = randomUUID();
    const refreshToken = newRefreshToken();
    const issued = await this.repository.insert(userId, familyId, hashRefreshToken(refreshToken), this.config.REFRESH_TTL_DAYS);
    if (!issued) throw invalidRefreshToken(); // the account was erased meanwhile
    return this.tokens(issued, refreshToken);
  }

  /**
   * Spends the presented token and issues its successor (one statement: a race has one winner). A token whose
   * login epoch is behind its account's is dead (every login of the account was ended).
   */
  async rotate(presented: string): Promise<Tokens> {
    const presentedHash = hashRefreshToken(presented);
    const refreshToken = newRefreshToken();
    const family = await this.repository.spendAndChain(presentedHash, hashRefreshToken(refreshToken), this.config.REFRESH_TTL_DAYS);
    if (family) return this.tokens(family, refreshToken);

    const state = await this.repository.state(presentedHash);
    if (state?.used) {
      // A spent token came back: it was stolen or replayed. End that login, not the user's others.
      await this.endLogin(state);
      throw new AppError(401, 'REFRESH_TOKEN_REUSED', 'This refresh token was already used; the login has been ended.');
    }
    throw invalidRefreshToken();
  }

  /** Ends the login the token belongs to; unknown tokens are ignored (logout is idempotent). */
  async revokeLoginOf(presented: string): Promise<void> {
    const state = await this.repository.state(hashRefreshToken(presented));
    if (state) await this.endLogin(state);
  }

  /** The guard reads ended logins from the reader state: the family belongs to `userId`, whose state changes. */
  private async endLogin(login: { userId: string; familyId: string }): Promise<void> {
    await this.readerState.changing(login.userId, async () => {
      await this.repository.revokeFamily(login.familyId);
      await this.revoked.revoke(login.familyId);
    });
  }

  private async tokens(issued: IssuedFamily, refreshToken: string): Promise<Tokens> {
    const accessToken = await this.accessTokens.sign(issued.userId, issued.familyId, issued.loginEpoch);
    return { accessToken, refreshToken, expiresIn: this.accessTokens.ttlSeconds };
  }
}
