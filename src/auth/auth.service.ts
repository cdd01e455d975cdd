import { Injectable } from '@nestjs/common';
import { AppError } from '../infra/http/app-error';
import { toUserView, UsersService, type UserView } from '../users/users.service';
import { AuthRateLimits } from './auth-rate-limits.service';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokensService, type Tokens } from './refresh-tokens.service';

export interface Session {
  user: UserView;
  tokens: Tokens;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokensService,
    private readonly limits: AuthRateLimits,
  ) {}

  async register(input: RegisterDto, ip: string): Promise<Session> {
    await this.limits.countRegistration(ip);
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.users.create({ email: input.email, passwordHash, displayName: input.displayName });
    return { user: toUserView(user), tokens: await this.refreshTokens.startLogin(user.id) };
  }

  async login(input: LoginDto, ip: string): Promise<Session> {
    const user = await this.limits.attemptLogin(ip, input.email, async () => {
      const found = await this.users.findByEmail(input.email);
      // Unknown emails cost a full hash check too, so timing does not tell which accounts exist.
      const matches = found
        ? await this.hasher.verify(found.passwordHash, input.password)
        : await this.hasher.verifyAgainstNothing(input.password);
      return matches ? found : null;
    });
    if (!user) throw new AppError(401, 'INVALID_CREDENTIALS', 'The email or password is wrong.');
    await this.users.touchLastActive(user.id);
    return { user: toUserView(user), tokens: await this.refreshTokens.startLogin(user.id) };
  }

  refresh(refreshToken: string): Promise<Tokens> {
    return this.refreshTokens.rotate(refreshToken);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeLoginOf(refreshToken);
  }
}
