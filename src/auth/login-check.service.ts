import { Injectable } from '@nestjs/common';
import { AppError } from '../infra/http/app-error';
import type { ReaderState } from '../reader-state/reader-state';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { User } from '../users/user.entity';
import type { AccessClaims } from './access-token.service';

export type LoginState = { valid: true; user: User; state: ReaderState } | { valid: false; reason: 'account-gone' | 'login-ended' };

export const unauthorized = (detail: string) => new AppError(401, 'UNAUTHORIZED', detail, undefined, { 'www-authenticate': 'Bearer' });

/**
 * An access token's login has ended when its account's epoch has moved past the token's (every login
 * of the account ended at once: promotion by ADMIN_EMAIL, a role change, a password set) or when its
 * own login was revoked (logout, refresh-token reuse).
 */
export const isLoginCurrent = (claims: AccessClaims, account: Pick<User, 'loginEpoch'>, revoked: boolean): boolean =>
  !revoked && claims.epoch === account.loginEpoch;

/** THE login check: whether a verified access token still stands for a signed-in account, given its reader state. */
export function loginOf(claims: AccessClaims, state: ReaderState): LoginState {
  if (state.role === null) return { valid: false, reason: 'account-gone' };
  if (!isLoginCurrent(claims, state, state.endedLogins.includes(claims.sid))) return { valid: false, reason: 'login-ended' };
  // Only what the reader state holds: a route that needs the rest of the account reads it itself.
  const user = Object.assign(new User(), {
    id: claims.sub,
    role: state.role,
    lastActiveAt: new Date(state.lastActiveAt),
    loginEpoch: state.loginEpoch,
  });
  return { valid: true, user, state };
}

/** The signed-in user, or the guard's 401 for a login that no longer stands. */
export function admitLogin(claims: AccessClaims, state: ReaderState): User {
  const login = loginOf(claims, state);
  if (login.valid) return login.user;
  throw unauthorized(
    login.reason === 'account-gone' ? 'The account of this token no longer exists.' : 'This login has ended; sign in again.',
  );
}

/**
 * Reads the reader state (Redis, rebuilt from Postgres when missing), which every change of role, login epoch,
 * erasure or revoked login invalidates after its commit, and applies the login check: no Postgres query on a
 * warm request. A route that reads the state in its own script applies `admitLogin` itself (LoginCheckedByRoute).
 */
@Injectable()
export class LoginCheck {
  constructor(private readonly readerStates: ReaderStateService) {}

  async check(claims: AccessClaims): Promise<LoginState> {
    return loginOf(claims, await this.readerStates.get(claims.sub));
  }

  /** The signed-in user and their reader state; throws the 401 when the login no longer stands. */
  async admit(claims: AccessClaims): Promise<{ user: User; state: ReaderState }> {
    const state = await this.readerStates.get(claims.sub);
    return { user: admitLogin(claims, state), state };
  }
}
