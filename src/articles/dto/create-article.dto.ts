import type { ArticlePriority } from '../article.entity';
import {
  AuthorsField,
  BodyField,
  ExternalIdField,
  HeadlineField,
  ImageCaptionField,
  ImageUrlField,
  PriorityField,
  PublishedAtField,
  StatusField,
  StoryKeyField,
  SummaryField,
  TopicSlugsField,
} from './article-fields';

export class CreateArticleDto {
  @HeadlineField(true)
  headline: string;

  @BodyField(true)
  body: string;

  @TopicSlugsField(true)
  topicSlugs: string[];

  @SummaryField()
  summary?: string[];

  @ImageUrlField()
  imageUrl?: string | null;

  @ImageCaptionField()
  imageCaption?: string | null;

  @AuthorsField()
  authors?: string[];

  @StatusField(['draft', 'published'], 'Defaults to published')
  status?: 'draft' | 'published';

  @PriorityField()
  priority?: ArticlePriority;

  @PublishedAtField('Defaults to now; a future time schedules the article')
  publishedAt?: string;

  @ExternalIdField()
  externalId?: string;

  @StoryKeyField()
  storyKey?: string | null;
}
