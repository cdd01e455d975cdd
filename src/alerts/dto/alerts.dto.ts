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

class AlertTopicRef {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
}

class AlertReasonResponse {
  @ApiProperty({ enum: ['breaking', 'topic'] }) type: 'breaking' | 'topic';
  @ApiProperty({ type: AlertTopicRef }) topic: AlertTopicRef;
}

export class AlertResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: Object, description: 'The article card' }) article: unknown;
  @ApiProperty({ type: AlertReasonResponse }) reason: AlertReasonResponse;
  @ApiProperty() createdAt: string;
  @ApiProperty() read: boolean;
  @ApiProperty() pushed: boolean;
}

export class AlertPageResponse {
  @ApiProperty({ type: [AlertResponse] }) items: AlertResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
