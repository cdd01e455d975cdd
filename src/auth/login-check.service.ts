import { Injectable } from '@nestjs/common';
import type { ReaderState } from '../reader-state/reader-state';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { User } from '../users/user.entity';
import type { AccessClaims } from './access-token.service';

export type LoginState = { valid: true; user: User; state: ReaderState } | { valid: false; reason: 'account-gone' | 'login-ended' };

/**
 * An access token's login has ended when its account's epoch has moved past the token's (every login
 * of the account ended at once: promotion by ADMIN_EMAIL, a role change, a password set) or when its
 * own login was revoked (logout, refresh-token reuse).
 */
export const isLoginCurrent = (claims: AccessClaims, account: Pick<User, 'loginEpoch'>, revoked: boolean): boolean =>
  !revoked && claims.epoch === account.loginEpoch;

/**
 * The one place that says whether a verified access token still stands for a signed-in account. It reads the
 * reader state (Redis, rebuilt from Postgres when missing), which every change of role, login epoch, erasure or
 * revoked login invalidates after its commit: no Postgres query on a warm request.
 */
@Injectable()
export class LoginCheck {
  constructor(private readonly readerStates: ReaderStateService) {}

  async check(claims: AccessClaims): Promise<LoginState> {
    const state = await this.readerStates.get(claims.sub);
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
}
