import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RevokedSessionsStore } from '../../auth/revoked-sessions.store';

export interface StreamLogin {
  userId: string;
  /** The login (refresh-token family) of the access token that opened the stream. */
  sessionId: string;
  /** The role the account had when the stream opened. */
  role: string;
}

/**
 * Whether the login that opened a stream still holds: not logged out or revoked, the account not
 * erased and its role unchanged. Asked every FEED_STREAM_RECHECK_MS by each open stream.
 */
@Injectable()
export class StreamLoginCheck {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly revoked: RevokedSessionsStore,
  ) {}

  async stillValid(login: StreamLogin): Promise<boolean> {
    const [rows, revoked] = await Promise.all([
      this.db.query(`SELECT role FROM users WHERE id = $1`, [login.userId]) as Promise<{ role: string }[]>,
      this.revoked.isRevoked(login.sessionId),
    ]);
    return rows.length === 1 && rows[0].role === login.role && !revoked;
  }
}
