import { Injectable } from '@nestjs/common';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import type { AccessClaims } from './access-token.service';
import { RevokedSessionsStore } from './revoked-sessions.store';

export type LoginState = { valid: true; user: User } | { valid: false; reason: 'account-gone' | 'login-ended' };

/**
 * An access token's login has ended when its account's epoch has moved past the token's (every login
 * of the account ended at once: promotion by ADMIN_EMAIL, a role change, a password set) or when its
 * own login was revoked (logout, refresh-token reuse).
 */
export const isLoginCurrent = (claims: AccessClaims, account: Pick<User, 'loginEpoch'>, revoked: boolean): boolean =>
  !revoked && claims.epoch === account.loginEpoch;

/** The one place that says whether a verified access token still stands for a signed-in account. */
@Injectable()
export class LoginCheck {
  constructor(
    private readonly users: UsersService,
    private readonly revokedSessions: RevokedSessionsStore,
  ) {}

  async check(claims: AccessClaims): Promise<LoginState> {
    const [user, revoked] = await Promise.all([this.users.findById(claims.sub), this.revokedSessions.isRevoked(claims.sid)]);
    if (!user) return { valid: false, reason: 'account-gone' };
    if (!isLoginCurrent(claims, user, revoked)) return { valid: false, reason: 'login-ended' };
    return { valid: true, user };
  }
}
