import { ApiProperty } from '@nestjs/swagger';
import { CardResponse, TopicRefResponse } from '../../articles/dto/article.response';

/** OpenAPI shapes of the feed's answers; the values are built by FeedService. */
export class FeedReasonResponse {
  @ApiProperty({ enum: ['topic'] }) type: 'topic';
  @ApiProperty({ type: TopicRefResponse, description: 'A followed topic the article carries' }) topic: TopicRefResponse;
}

export class FeedItemResponse {
  @ApiProperty({ type: CardResponse }) article: CardResponse;
  @ApiProperty({ type: [FeedReasonResponse], description: 'Why the article is in this feed: each followed topic it carries' })
  reasons: FeedReasonResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: false,
    nullable: true,
    description: 'The running story the item stands for; null (stories are not yet available)',
  })
  story: null;
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
  @ApiProperty({ description: 'Feed articles published after `since`', example: 3 }) count: number;
}
