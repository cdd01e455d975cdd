import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../infra/http/app-error';
import { literalQueryToken } from '../infra/http/query-token';
import type { Role, User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AccessTokenService } from './access-token.service';
import { IS_PUBLIC, ROLES_KEY } from './auth.decorators';
import { RevokedSessionsStore } from './revoked-sessions.store';

const unauthorized = (detail: string) => new AppError(401, 'UNAUTHORIZED', detail, undefined, { 'www-authenticate': 'Bearer' });

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <accessToken>".');
    return match[1];
  }
  return undefined;
}

/**
 * Global guard: every route needs a valid access token unless marked @Public, and @Roles
 * restricts it further. The user is loaded on each request, so an erased or demoted user
 * loses access at once rather than when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly users: UsersService,
    private readonly revokedSessions: RevokedSessionsStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: User; sessionId?: string }>();

    const token = bearerToken(request) ?? this.queryToken(context, request);
    if (!token) {
      if (isPublic) return true;
      throw unauthorized('Sign in: this route needs an access token.');
    }
    const claims = this.tokens.verify(token);
    if (!claims) throw unauthorized('The access token is invalid or expired.');
    const [user, revoked] = await Promise.all([this.users.findById(claims.sub), this.revokedSessions.isRevoked(claims.sid)]);
    if (!user) throw unauthorized('The account of this token no longer exists.');
    if (revoked) throw unauthorized('This login has ended; sign in again.');
    request.user = user;
    request.sessionId = claims.sid;

    if (roles && !roles.includes(user.role)) {
      throw new AppError(403, 'FORBIDDEN', `This needs the role ${roles.join(' or ')}.`);
    }
    return true;
  }

  // EventSource cannot send headers, so routes marked with ALLOW_QUERY_TOKEN accept ?access_token=.
  private queryToken(context: ExecutionContext, request: FastifyRequest): string | undefined {
    const allowed = this.reflector.get<boolean>(ALLOW_QUERY_TOKEN, context.getHandler());
    return allowed ? literalQueryToken(request) : undefined;
  }
}

export const ALLOW_QUERY_TOKEN = 'mynews:allow-query-token';
