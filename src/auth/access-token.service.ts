import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../infra/config/app-config';

export interface AccessClaims {
  sub: string;
  /** The login (refresh-token family) this access token belongs to. */
  sid: string;
}

const ALGORITHM = 'HS256';

/** Short-lived access JWTs, signed and verified with one pinned algorithm. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  sign(userId: string, familyId: string): Promise<string> {
    return this.jwt.signAsync(
      { sid: familyId },
      { subject: userId, algorithm: ALGORITHM, expiresIn: this.ttlSeconds, secret: this.config.JWT_SECRET },
    );
  }

  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        algorithms: [ALGORITHM],
        secret: this.config.JWT_SECRET,
      });
      return typeof claims.sub === 'string' && typeof claims.sid === 'string' ? claims : null;
    } catch {
      return null;
    }
  }
}
