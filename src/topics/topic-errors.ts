import { AppError, notFound } from '../infra/http/app-error';

export const topicNotFound = (): AppError => notFound('TOPIC_NOT_FOUND', 'The topic');

export const topicExists = (slug: string): AppError => new AppError(409, 'TOPIC_EXISTS', `A topic with the slug "${slug}" already exists.`);
