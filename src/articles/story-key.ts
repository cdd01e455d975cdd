/** A running story's key (CMS-given): lower-case letters and digits in words joined by single hyphens, 1..100 characters. */
export const STORY_KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const STORY_KEY_MAX_LENGTH = 100;

export const isStoryKey = (value: string): boolean => value.length <= STORY_KEY_MAX_LENGTH && STORY_KEY_PATTERN.test(value);
