import type { ArticlePriority, ArticleStatus } from '../article.entity';
import {
  AuthorsField,
  BodyField,
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

/** Any field of POST but externalId; fields left out keep their values. */
export class UpdateArticleDto {
  @HeadlineField(false)
  headline?: string;

  @BodyField(false)
  body?: string;

  @TopicSlugsField(false)
  topicSlugs?: string[];

  @SummaryField()
  summary?: string[];

  @ImageUrlField()
  imageUrl?: string | null;

  @ImageCaptionField()
  imageCaption?: string | null;

  @AuthorsField()
  authors?: string[];

  @StatusField(
    ['draft', 'published', 'retracted'],
    '"published" publishes a draft; other changes of status are refused (retract with DELETE)',
  )
  status?: ArticleStatus;

  @PriorityField()
  priority?: ArticlePriority;

  @PublishedAtField('A future time (re)schedules the article')
  publishedAt?: string;

  @StoryKeyField()
  storyKey?: string | null;
}
