import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../infra/config/app-config';
import { Hs256Verifier } from './hs256';

export interface AccessClaims {
  sub: string;
  /** The login (refresh-token family) this access token belongs to. */
  sid: string;
  /** The account's login epoch when the token was issued (see login-check.service.ts). */
  epoch: number;
}

const ALGORITHM = 'HS256';

/** Short-lived access JWTs, signed and verified with one pinned algorithm. */
@Injectable()
export class AccessTokenService {
  private readonly verifier: Hs256Verifier;

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {
    this.verifier = new Hs256Verifier(config.JWT_SECRET);
  }

  get ttlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  /** `epoch` defaults to a new account's; a token with an epoch behind its account's is refused, never the reverse. */
  sign(userId: string, familyId: string, epoch = 0): Promise<string> {
    return this.jwt.signAsync(
      { sid: familyId, ep: epoch },
      { subject: userId, algorithm: ALGORITHM, expiresIn: this.ttlSeconds, secret: this.config.JWT_SECRET },
    );
  }

  verify(token: string): AccessClaims | null {
    const claims = this.verifier.verify(token, Math.floor(Date.now() / 1000));
    if (!claims || typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !Number.isInteger(claims.ep)) return null;
    return { sub: claims.sub, sid: claims.sid, epoch: claims.ep as number };
  }
}
