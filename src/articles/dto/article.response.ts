import { ApiProperty } from '@nestjs/swagger';
import type { ArticleView, CardView, TopicRef } from '../article-view';

/** OpenAPI shapes of the answers; the values are built by article-view.ts. */
export class TopicRefResponse implements TopicRef {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
}

export class CardResponse implements CardView {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty() headline: string;
  @ApiProperty({ type: [String] }) summary: string[];
  @ApiProperty({ type: String, nullable: true }) imageUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) imageCaption: string | null;
  @ApiProperty({ type: [String] }) authors: string[];
  @ApiProperty({ type: [TopicRefResponse] }) topics: TopicRef[];
  @ApiProperty({ enum: ['normal', 'breaking'] }) priority: 'normal' | 'breaking';
  @ApiProperty({ type: String, nullable: true, description: 'The running story this article belongs to' }) storyKey: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ArticleResponse extends CardResponse implements ArticleView {
  @ApiProperty() body: string;
  @ApiProperty({ enum: ['draft', 'published', 'retracted'] }) status: 'draft' | 'published' | 'retracted';
}

export class CardPageResponse {
  @ApiProperty({ type: [CardResponse] }) items: CardResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
