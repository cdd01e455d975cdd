import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { STORY_KEY_MAX_LENGTH, STORY_KEY_PATTERN } from '../story-key';
import { parseIsoDateTime } from './iso-date-time';

/** Field rules shared by POST and PATCH, so the two bodies cannot drift apart. */

/** May be left out, but not null: for fields that always have a value. */
const Omittable = () => ValidateIf((_object, value) => value !== undefined);

const IsDateTime = () =>
  ValidateBy({
    name: 'isDateTime',
    validator: {
      validate: (value) => parseIsoDateTime(value) !== null,
      defaultMessage: () => '$property must be an ISO-8601 date-time with a time zone, e.g. 2026-11-28T10:43:16.000Z',
    },
  });

const NotBlank = () => Matches(/\S/, { message: '$property must not be blank' });

export const HeadlineField = (required: boolean) =>
  applyDecorators(
    required ? ApiProperty({ minLength: 1, maxLength: 300 }) : ApiPropertyOptional({ minLength: 1, maxLength: 300 }),
    ...(required ? [] : [Omittable()]),
    IsString(),
    Length(1, 300),
    NotBlank(),
  );

export const BodyField = (required: boolean) =>
  applyDecorators(
    required ? ApiProperty({ minLength: 1, maxLength: 100000 }) : ApiPropertyOptional({ minLength: 1, maxLength: 100000 }),
    ...(required ? [] : [Omittable()]),
    IsString(),
    Length(1, 100000),
  );

export const TopicSlugsField = (required: boolean) => {
  const doc: ApiPropertyOptions & { description: string } = {
    type: [String],
    minItems: 1,
    maxItems: 10,
    description: 'Slugs of existing topics, in display order; duplicates collapse',
  };
  return applyDecorators(
    required ? ApiProperty(doc) : ApiPropertyOptional({ ...doc, description: `${doc.description}. Replaces the topics.` }),
    ...(required ? [] : [Omittable()]),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(10),
    IsString({ each: true }),
    Length(1, 80, { each: true }),
  );
};

export const SummaryField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: 5, description: 'Bullet points, each 1..500 chars' }),
    Omittable(),
    IsArray(),
    ArrayMaxSize(5),
    IsString({ each: true }),
    Length(1, 500, { each: true }),
  );

/** Nullable in the representation: null clears it. */
export const ImageUrlField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, format: 'uri' }),
    IsOptional(),
    IsString(),
    MaxLength(2000),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: '$property must be an http or https URL' }),
  );

export const ImageCaptionField = () =>
  applyDecorators(ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 }), IsOptional(), IsString(), MaxLength(1000));

export const AuthorsField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Names, each 1..200 chars' }),
    Omittable(),
    IsArray(),
    ArrayMaxSize(20),
    IsString({ each: true }),
    Length(1, 200, { each: true }),
  );

export const StatusField = (values: readonly string[], description: string) =>
  applyDecorators(ApiPropertyOptional({ enum: values, description }), Omittable(), IsIn(values));

export const PriorityField = () =>
  applyDecorators(ApiPropertyOptional({ enum: ['normal', 'breaking'], default: 'normal' }), Omittable(), IsIn(['normal', 'breaking']));

export const PublishedAtField = (description: string) =>
  applyDecorators(ApiPropertyOptional({ type: String, format: 'date-time', description }), Omittable(), IsDateTime());

export const ExternalIdField = () =>
  applyDecorators(
    ApiPropertyOptional({
      minLength: 1,
      maxLength: 200,
      description: 'The CMS key: a second POST with the same externalId updates that article (200 instead of 201)',
    }),
    Omittable(),
    IsString(),
    Length(1, 200),
  );

/** Nullable in the representation: null clears it. */
export const StoryKeyField = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      nullable: true,
      minLength: 1,
      maxLength: STORY_KEY_MAX_LENGTH,
      pattern: STORY_KEY_PATTERN.source,
      description: 'The running story this article belongs to; null clears it',
    }),
    IsOptional(),
    IsString(),
    Length(1, STORY_KEY_MAX_LENGTH),
    Matches(STORY_KEY_PATTERN, { message: '$property must be lower-case letters and digits in words joined by single hyphens' }),
  );
