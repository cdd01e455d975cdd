import { ApiProperty } from '@nestjs/swagger';
import { CardResponse, TopicRefResponse } from '../../articles/dto/article.response';

/** OpenAPI shapes of the feed's answers; the values are built by FeedService. */
export class FeedReasonResponse {
  @ApiProperty({ enum: ['topic'] }) type: 'topic';
  @ApiProperty({ type: TopicRefResponse, description: 'A followed topic the article carries' }) topic: TopicRefResponse;
}

export class FeedStoryResponse {
  @ApiProperty({ description: 'The storyKey the articles share', example: 'g20-summit-2026' }) key: string;
  @ApiProperty({ description: "How many of the story's articles are in this reader's feed, the lead included", example: 4 })
  count: number;
  @ApiProperty({ type: [CardResponse], description: 'min(3, count - 1) of the other articles, newest first' })
  related: CardResponse[];
}

export class FeedItemResponse {
  @ApiProperty({ type: CardResponse }) article: CardResponse;
  @ApiProperty({ type: [FeedReasonResponse], description: 'Why the article is in this feed: each followed topic it carries' })
  reasons: FeedReasonResponse[];
  @ApiProperty({
    type: FeedStoryResponse,
    nullable: true,
    description: 'The running story the item stands for (its lead is `article`); null for an article without a storyKey',
  })
  story: FeedStoryResponse | null;
}

export class FeedPageResponse {
  @ApiProperty({ type: [FeedItemResponse] }) items: FeedItemResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null at the end' }) nextCursor: string | null;
  @ApiProperty({
    enum: ['ready', 'rebuilding'],
    description: 'rebuilding while a lost or cold feed is being rebuilt: the items are the best available meanwhile',
  })
  state: 'ready' | 'rebuilding';
}

export class NewCountResponse {
  @ApiProperty({ description: 'Feed items published after `since`: a story counts once', example: 3 }) count: number;
}

export class CatchUpPageResponse {
  @ApiProperty({ type: [FeedItemResponse], description: 'Feed items after the marker, oldest first, stories grouped' })
  items: FeedItemResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next (newer) page; null at the end' }) nextCursor: string | null;
}
