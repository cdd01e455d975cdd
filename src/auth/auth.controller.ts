import { Body, Controller, HttpCode, Ip, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EmptyQuery } from '../infra/http/empty-query';
import { Public } from './auth.decorators';
import { AuthService, type Session } from './auth.service';
import { RefreshResponse, SessionResponse } from './dto/auth.response';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { RegisterDto } from './dto/register.dto';
import type { Tokens } from './refresh-tokens.service';

@ApiTags('auth')
@Public()
@ApiResponse({ status: 400, description: 'VALIDATION_FAILED or MALFORMED_JSON' })
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @ApiCreatedResponse({ type: SessionResponse })
  @ApiResponse({ status: 409, description: 'EMAIL_TAKEN' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED: too many registrations from this address (Retry-After)' })
  register(@Body() body: RegisterDto, @Ip() ip: string, @Query() _query: EmptyQuery): Promise<Session> {
    return this.auth.register(body, ip);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  @ApiResponse({ status: 401, description: 'INVALID_CREDENTIALS' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED: too many failed logins (Retry-After)' })
  login(@Body() body: LoginDto, @Ip() ip: string, @Query() _query: EmptyQuery): Promise<Session> {
    return this.auth.login(body, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: RefreshResponse })
  @ApiResponse({ status: 401, description: 'REFRESH_TOKEN_REUSED (the login is ended) or UNAUTHORIZED' })
  async refresh(@Body() body: RefreshTokenDto, @Query() _query: EmptyQuery): Promise<{ tokens: Tokens }> {
    return { tokens: await this.auth.refresh(body.refreshToken) };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The login of this refresh token is ended (also when the token is unknown).' })
  async logout(@Body() body: RefreshTokenDto, @Query() _query: EmptyQuery): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}
