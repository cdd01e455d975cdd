import { ArticleTopic } from '../../articles/article-topic.entity';
import { Article } from '../../articles/article.entity';
import { RefreshToken } from '../../auth/refresh-token.entity';
import { Follow } from '../../follows/follow.entity';
import { Mute } from '../../follows/mute.entity';
import { SavedArticle } from '../../reading-lists/saved-article.entity';
import { ArticleHide } from '../../signals/article-hide.entity';
import { FeedEvent } from '../../signals/feed-event.entity';
import { HistoryEntry } from '../../signals/history-entry.entity';
import { TopicAffinity } from '../../signals/topic-affinity.entity';
import { Topic } from '../../topics/topic.entity';
import { User } from '../../users/user.entity';

export const ENTITIES = [
  User,
  RefreshToken,
  Topic,
  Follow,
  Mute,
  Article,
  ArticleTopic,
  FeedEvent,
  TopicAffinity,
  ArticleHide,
  HistoryEntry,
  SavedArticle,
];
