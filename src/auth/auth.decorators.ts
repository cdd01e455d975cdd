import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { User, Role } from '../users/user.entity';

export const IS_PUBLIC = 'mynews:public';
export const ROLES_KEY = 'mynews:roles';

/** The route answers without a token; a valid token still identifies the caller. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only callers with one of these roles may use the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): User => {
  return ctx.switchToHttp().getRequest<{ user: User }>().user;
});

/** The caller when the route is public: undefined for anonymous requests. */
export const OptionalUser = createParamDecorator((_: unknown, ctx: ExecutionContext): User | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: User }>().user;
});

export const LOGIN_CHECKED_BY_ROUTE = 'mynews:login-checked-by-route';

/**
 * The guard verifies the token and leaves `request.accessClaims`; the route reads the reader state in its own
 * Redis call and MUST apply `admitLogin` to it before it answers anything (one round trip on the hottest route).
 * Not for routes with @Roles.
 */
export const LoginCheckedByRoute = () => SetMetadata(LOGIN_CHECKED_BY_ROUTE, true);
