import { ApiProperty } from '@nestjs/swagger';
import { CardResponse } from '../../articles/dto/article.response';

export class SavedItemResponse {
  @ApiProperty({ type: CardResponse }) article: CardResponse;
  @ApiProperty({ format: 'date-time' }) savedAt: string;
}

export class SavedPageResponse {
  @ApiProperty({ type: [SavedItemResponse], description: 'Newest save first' }) items: SavedItemResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class HistoryItemResponse {
  @ApiProperty({ type: CardResponse }) article: CardResponse;
  @ApiProperty({ format: 'date-time', description: 'The latest open of the article' }) openedAt: string;
}

export class HistoryPageResponse {
  @ApiProperty({ type: [HistoryItemResponse], description: 'Newest open first; each article once' }) items: HistoryItemResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
