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
    const attempt = await this.limits.beginLogin(ip, input.email);
    const user = await this.users.findByEmail(input.email);
    // Unknown emails cost a full hash check too, so timing does not tell which accounts exist.
    const matches = user
      ? await this.hasher.verify(user.passwordHash, input.password)
      : await this.hasher.verifyAgainstNothing(input.password);
    if (!user || !matches) throw new AppError(401, 'INVALID_CREDENTIALS', 'The email or password is wrong.');
    await attempt.succeeded();
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
