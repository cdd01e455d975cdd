import { ApiProperty } from '@nestjs/swagger';
import { UserResponse } from '../../users/dto/user.response';

export class TokensResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Single use: each refresh spends it and returns the next one' }) refreshToken: string;
  @ApiProperty({ description: 'Lifetime of the access token in seconds', example: 900 }) expiresIn: number;
}

export class SessionResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({ type: TokensResponse }) tokens: TokensResponse;
}

export class RefreshResponse {
  @ApiProperty({ type: TokensResponse }) tokens: TokensResponse;
}
