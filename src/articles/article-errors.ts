import { AppError, notFound } from '../infra/http/app-error';

export const articleNotFound = (): AppError => notFound('ARTICLE_NOT_FOUND', 'The article');

export const articleRetracted = (): AppError =>
  new AppError(409, 'ARTICLE_RETRACTED', 'The article is retracted and can no longer be edited.');

export const storyNotFound = (): AppError => notFound('STORY_NOT_FOUND', 'The story');
