import { isStoryKey } from '../src/articles/story-key';
import { SLUG_PATTERN } from '../src/infra/text/slugify';
import { SEED_ARTICLES, SEED_STORY, type SeedArticle } from './articles';
import { SEED_TOPICS, type SeedTopic } from './topics';
import { SEED_USERS, type SeedUser } from './users';

export interface SeedData {
  topics: SeedTopic[];
  users: SeedUser[];
  articles: SeedArticle[];
}

export const SEED_DATA: SeedData = { topics: SEED_TOPICS, users: SEED_USERS, articles: SEED_ARTICLES };

/** Problems that would make the seed write something other than what the data says; [] when sound. */
export function checkSeedData(data: SeedData = SEED_DATA): string[] {
  const problems: string[] = [];
  const known = new Set<string>();
  for (const topic of data.topics) {
    if (!SLUG_PATTERN.test(topic.slug) || topic.slug.length > 80) problems.push(`topic ${topic.slug}: bad slug`);
    if (known.has(topic.slug)) problems.push(`topic ${topic.slug}: listed twice`);
    if (topic.parentSlug && !known.has(topic.parentSlug)) problems.push(`topic ${topic.slug}: parent ${topic.parentSlug} must come first`);
    if (!topic.name || topic.name.length > 80) problems.push(`topic ${topic.slug}: name must be 1..80 characters`);
    known.add(topic.slug);
  }
  for (const user of data.users) {
    for (const slug of user.follows) if (!known.has(slug)) problems.push(`user ${user.email}: follows unknown topic ${slug}`);
  }
  const articleSlugs = new Set<string>();
  for (const article of data.articles) {
    const name = `article ${article.slug}`;
    if (articleSlugs.has(article.slug)) problems.push(`${name}: listed twice`);
    articleSlugs.add(article.slug);
    if (!SLUG_PATTERN.test(article.slug)) problems.push(`${name}: bad slug`);
    if (!article.headline || article.headline.length > 300) problems.push(`${name}: headline must be 1..300 characters`);
    if (article.summary.length > 5) problems.push(`${name}: at most 5 summary bullets`);
    if (article.topics.length < 1 || article.topics.length > 10) problems.push(`${name}: needs 1..10 topics`);
    if (new Set(article.topics).size !== article.topics.length) problems.push(`${name}: a topic is listed twice`);
    for (const slug of article.topics) if (!known.has(slug)) problems.push(`${name}: unknown topic ${slug}`);
    if (!(article.hoursAgo >= 0)) problems.push(`${name}: hoursAgo must be >= 0`);
    if (article.storyKey !== undefined && !isStoryKey(article.storyKey)) problems.push(`${name}: bad storyKey`);
  }
  const [storyTopic] = SEED_STORY.topics;
  const newer = data.articles.filter((a) => a !== SEED_STORY && a.topics.includes(storyTopic) && a.hoursAgo <= SEED_STORY.hoursAgo);
  for (const article of newer) problems.push(`article ${article.slug}: must be older than the seed story in ${storyTopic}`);
  return problems;
}
