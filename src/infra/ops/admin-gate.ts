import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AccessTokenService } from '../../auth/access-token.service';
import type { AuthRateLimits } from '../../auth/auth-rate-limits.service';
import type { LoginCheck } from '../../auth/login-check.service';
import type { PasswordHasher } from '../../auth/password-hasher.service';
import { normalizeEmail } from '../../users/user-input';
import type { User } from '../../users/user.entity';
import type { UsersService } from '../../users/users.service';
import { AppError } from '../http/app-error';
import { changesState, comesFromOwnOrigin } from './own-origin';

export interface AdminGateDeps {
  tokens: AccessTokenService;
  users: UsersService;
  logins: LoginCheck;
  hasher: PasswordHasher;
  limits: AuthRateLimits;
  /** PUBLIC_URL: the origin the dashboard's own pages are served from, when not the request's. */
  publicUrl?: string;
}

export const OPS_REALM = 'Basic realm="myNEWS ops"';

// A browser resends Basic credentials with every asset and poll; a match is remembered briefly so
// each request is not an argon2 check and a rate-limit point. Keyed by the stored hash too, so a
// password change ends it at once; the role is re-read on every request.
const VERIFIED_TTL_MS = 5 * 60_000;
const VERIFIED_MAX = 200;
const MAX_PASSWORD_LENGTH = 128;

const challenge = (detail: string) => new AppError(401, 'UNAUTHORIZED', detail, undefined, { 'www-authenticate': OPS_REALM });

/**
 * Lets admins through: HTTP Basic with an admin's email and password, or an admin's Bearer access token.
 * State-changing requests signed in by Basic must also come from the API's own origin (CSRF).
 */
export class AdminGate {
  private readonly verified = new Map<string, number>();
  private readonly cacheKey = randomBytes(32);

  constructor(private readonly deps: AdminGateDeps) {}

  /** Throws the 401/403/429 AppError to answer with; returns when the caller is an admin. */
  async admit(request: FastifyRequest): Promise<User> {
    const header = request.headers.authorization;
    if (!header) throw challenge('Sign in with an admin account.');
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    const basic = /^Basic\s+(\S+)$/i.exec(header);
    // A browser sends Basic credentials along with any site's request: a change must come from our own pages.
    if (basic && changesState(request) && !comesFromOwnOrigin(request, this.deps.publicUrl)) {
      throw new AppError(403, 'FORBIDDEN', 'A change on the dashboard signed in by Basic must come from its own pages (Origin).');
    }
    const user = bearer ? await this.fromBearer(bearer[1]) : basic ? await this.fromBasic(basic[1], request.ip) : undefined;
    if (!user) throw challenge('Sign in with an admin account (HTTP Basic or a Bearer access token).');
    if (user.role !== 'admin') throw new AppError(403, 'FORBIDDEN', 'The queue dashboard is for admins only.');
    return user;
  }

  private async fromBearer(token: string): Promise<User> {
    const claims = this.deps.tokens.verify(token);
    if (!claims) throw challenge('The access token is invalid or expired.');
    const login = await this.deps.logins.check(claims);
    if (!login.valid) throw challenge('This login has ended; sign in again.');
    return login.user;
  }

  private async fromBasic(encoded: string, ip: string): Promise<User> {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const email = normalizeEmail(colon < 0 ? '' : decoded.slice(0, colon));
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    if (!email || !password || password.length > MAX_PASSWORD_LENGTH) throw challenge('Send an email and a password.');

    const user = await this.deps.users.findByEmail(email);
    if (user && this.isRemembered(user.passwordHash, password)) return user;
    // The same failure limits as POST /v1/auth/login, so Basic is no side door for guessing.
    const admitted = await this.deps.limits.attemptLogin(ip, email, async () => {
      const matches = user
        ? await this.deps.hasher.verify(user.passwordHash, password)
        : await this.deps.hasher.verifyAgainstNothing(password);
      return matches ? user : null;
    });
    if (!admitted) throw challenge('The email or password is wrong.');
    this.remember(admitted.passwordHash, password);
    return admitted;
  }

  private fingerprint(passwordHash: string, password: string): string {
    return createHmac('sha256', this.cacheKey).update(passwordHash).update('\0').update(password).digest('base64url');
  }

  private isRemembered(passwordHash: string, password: string): boolean {
    const key = this.fingerprint(passwordHash, password);
    const until = this.verified.get(key);
    if (until !== undefined && until > Date.now()) return true;
    this.verified.delete(key);
    return false;
  }

  private remember(passwordHash: string, password: string): void {
    this.verified.set(this.fingerprint(passwordHash, password), Date.now() + VERIFIED_TTL_MS);
    if (this.verified.size > VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
  }
}
