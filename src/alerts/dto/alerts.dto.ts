import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { pageQuery } from '../../infra/http/paging';

/** `limit` 1..50 (default 20) and an opaque cursor. */
export class AlertsPageQuery extends pageQuery(50) {}

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
