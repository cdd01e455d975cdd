import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

export class PushKeysDto {
  @ApiProperty({ description: 'The browser’s P-256 public key, base64url (65 bytes uncompressed)' })
  @IsDefined()
  @IsString()
  @Matches(BASE64URL, { message: '$property must be base64url' })
  @MaxLength(100)
  p256dh: string;

  @ApiProperty({ description: 'The 16-byte auth secret, base64url' })
  @IsDefined()
  @IsString()
  @Matches(BASE64URL, { message: '$property must be base64url' })
  @MaxLength(40)
  auth: string;
}

export class CreatePushSubscriptionDto {
  @ApiProperty({ description: 'The push service URL (https on an allowed host)' })
  @IsDefined()
  @IsString()
  @MaxLength(2048)
  endpoint: string;

  @ApiProperty({ type: PushKeysDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PushKeysDto)
  keys: PushKeysDto;
}

export class PushSubscriptionResponse {
  @ApiProperty() id: string;
  @ApiProperty() endpoint: string;
  @ApiProperty() createdAt: string;
}

export class PushSubscriptionListResponse {
  @ApiProperty({ type: [PushSubscriptionResponse] }) items: PushSubscriptionResponse[];
}

export class VapidPublicKeyResponse {
  @ApiProperty({ description: 'The VAPID public key, base64url' }) publicKey: string;
}
