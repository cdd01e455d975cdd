import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { parseIsoDateTime } from '../../articles/dto/iso-date-time';
import type { SignalType } from '../../ranking/affinity';

export const SIGNAL_TYPES: readonly SignalType[] = ['open', 'dwell', 'save', 'share', 'hide', 'less_like_this'];
export const MAX_DWELL_MS = 86_400_000;

const IsDateTime = () =>
  ValidateBy({
    name: 'isDateTime',
    validator: {
      validate: (value) => parseIsoDateTime(value) !== null,
      defaultMessage: () => '$property must be an ISO-8601 date-time with a time zone, e.g. 2026-11-28T10:43:16.000Z',
    },
  });

export class FeedEventDto {
  @ApiProperty({ maxLength: 40, description: 'The article; an event naming an unknown (or unpublished) article is dropped' })
  @IsString()
  @MaxLength(40)
  articleId: string;

  @ApiProperty({ enum: SIGNAL_TYPES })
  @IsIn(SIGNAL_TYPES)
  type: SignalType;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_DWELL_MS, description: 'Milliseconds spent on the article; required for dwell' })
  @ValidateIf((o: FeedEventDto, value) => value !== undefined || o.type === 'dwell')
  @IsInt()
  @Min(0)
  @Max(MAX_DWELL_MS)
  dwellMs?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'When it happened (default: now). A future time counts as now; an event more than a year old is dropped.',
  })
  @ValidateIf((_o, value) => value !== undefined)
  @IsDateTime()
  at?: string;
}

export class PostFeedEventsDto {
  @ApiProperty({ type: [FeedEventDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FeedEventDto)
  events: FeedEventDto[];
}

export class FeedEventsAnswer {
  @ApiProperty({ description: 'Events stored and folded into the feed' }) accepted: number;
  @ApiProperty({ description: 'Events naming unknown, unpublished or retracted articles, or more than a year old' }) dropped: number;
}
