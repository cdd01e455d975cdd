import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../infra/http/app-error';
import { literalQueryToken } from '../infra/http/query-token';
import type { ReaderState } from '../reader-state/reader-state';
import type { Role, User } from '../users/user.entity';
import { AccessClaims, AccessTokenService } from './access-token.service';
import { IS_PUBLIC, LOGIN_CHECKED_BY_ROUTE, ROLES_KEY } from './auth.decorators';
import { LoginCheck, unauthorized } from './login-check.service';

export function bearerToken(request: FastifyRequest): string | undefined {
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
 * restricts it further. The login is checked on each request (LoginCheck) against the reader state,
 * which every change of role, erasure or end of a login invalidates after its commit, so an erased or
 * demoted user, or an ended login, loses access at once rather than when the token expires. A route marked
 * @LoginCheckedByRoute reads that state in its own Redis call and applies the same check (admitLogin) itself.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly logins: LoginCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: User; sessionId?: string; readerState?: ReaderState; accessClaims?: AccessClaims }>();

    const token = bearerToken(request) ?? this.queryToken(context, request);
    if (!token) {
      if (isPublic) return true;
      throw unauthorized('Sign in: this route needs an access token.');
    }
    const claims = this.tokens.verify(token);
    if (!claims) throw unauthorized('The access token is invalid or expired.');
    request.sessionId = claims.sid;
    if (!roles && this.reflector.get<boolean>(LOGIN_CHECKED_BY_ROUTE, context.getHandler())) {
      request.accessClaims = claims;
      return true;
    }
    const { user, state } = await this.logins.admit(claims);
    request.user = user;
    request.readerState = state;

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
