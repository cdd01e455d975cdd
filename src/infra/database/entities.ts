import { ArticleTopic } from '../../articles/article-topic.entity';
import { Article } from '../../articles/article.entity';
import { RefreshToken } from '../../auth/refresh-token.entity';
import { Follow } from '../../follows/follow.entity';
import { Mute } from '../../follows/mute.entity';
import { Topic } from '../../topics/topic.entity';
import { User } from '../../users/user.entity';

export const ENTITIES = [User, RefreshToken, Topic, Follow, Mute, Article, ArticleTopic];
