import { Injectable } from '@nestjs/common';
import { RevokedSessionsStore } from '../../auth/revoked-sessions.store';
import { UsersRepository } from '../../users/users.repository';

export interface StreamLogin {
  userId: string;
  /** The login (refresh-token family) of the access token that opened the stream. */
  sessionId: string;
  /** The role the account had when the stream opened. */
  role: string;
  /** The account's login epoch when the stream opened: a newer one ended every login (promotion, password set). */
  loginEpoch: number;
}

/**
 * Whether the login that opened a stream still holds: not logged out or revoked, the account not
 * erased, its role unchanged and no later end of every login (login epoch). Asked every FEED_STREAM_RECHECK_MS by each open stream.
 */
@Injectable()
export class StreamLoginCheck {
  constructor(
    private readonly users: UsersRepository,
    private readonly revoked: RevokedSessionsStore,
  ) {}

  async stillValid(login: StreamLogin): Promise<boolean> {
    const [user, revoked] = await Promise.all([this.users.findById(login.userId), this.revoked.isRevoked(login.sessionId)]);
    return user !== null && user.role === login.role && user.loginEpoch === login.loginEpoch && !revoked;
  }
}
