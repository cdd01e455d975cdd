import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `limit` 1..50 (default 20) and an opaque cursor. */
export class AlertsPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class MarkAlertsReadDto {
  @ApiPropertyOptional({ description: 'This alert and every older one are read; absent: all' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  upTo?: string;
}

export class UnreadCountResponse {
  @ApiProperty() count: number;
}
