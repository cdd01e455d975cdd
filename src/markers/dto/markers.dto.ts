import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class PutFeedMarkerDto {
  @ApiProperty({ description: 'The newest article the reader has seen (an id from their feed)' })
  @IsString()
  @Length(1, 40)
  articleId: string;
}

export class FeedMarkerResponse {
  @ApiProperty() articleId: string;
  @ApiProperty({ description: "The article's publishedAt" }) publishedAt: string;
  @ApiProperty({ description: 'When the marker last moved' }) updatedAt: string;
}

export class MarkersResponse {
  @ApiProperty({ type: FeedMarkerResponse, nullable: true, description: 'null until a marker is set' }) feed: FeedMarkerResponse | null;
  @ApiProperty({ description: 'Feed items after the marker (stories once; without a marker, of the last 24 hours), capped at 1000' })
  unreadCount: number;
}
