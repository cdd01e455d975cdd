import { CreateAccountsAndTopics1764300000000 } from '../../../migrations/1764300000000-CreateAccountsAndTopics';
import { CreateArticles1764300100000 } from '../../../migrations/1764300100000-CreateArticles';
import { CreateReaderSignals1764400000000 } from '../../../migrations/1764400000000-CreateReaderSignals';
import { AddLoginEpochs1796087310000 } from '../../../migrations/1796087310000-AddLoginEpochs';
import { CreateFanoutWatermarks1796088420000 } from '../../../migrations/1796088420000-CreateFanoutWatermarks';
import { CreateFanoutOutbox1796087400000 } from '../../../migrations/1796087400000-CreateFanoutOutbox';
import { CreateIdempotencyKeys1796087400100 } from '../../../migrations/1796087400100-CreateIdempotencyKeys';
import { FeedEventsRetentionIndex1796087400200 } from '../../../migrations/1796087400200-FeedEventsRetentionIndex';
import { CreateMutedWords1796089514000 } from '../../../migrations/1796089514000-CreateMutedWords';
import { CreateAlerts1796089514100 } from '../../../migrations/1796089514100-CreateAlerts';
import { CreatePushSubscriptions1796089514200 } from '../../../migrations/1796089514200-CreatePushSubscriptions';
import { AddArticleStoryKeys1796091240000 } from '../../../migrations/1796091240000-AddArticleStoryKeys';
import { CreateFeedMarkers1796092000000 } from '../../../migrations/1796092000000-CreateFeedMarkers';
import { CreateReaderStateRepairs1796093000000 } from '../../../migrations/1796093000000-CreateReaderStateRepairs';
import { MutesTopicIndex1796094000000 } from '../../../migrations/1796094000000-MutesTopicIndex';

// Listed by hand: Jest's ESM mode has no __dirname for a glob.
export const MIGRATIONS = [
  CreateAccountsAndTopics1764300000000,
  CreateArticles1764300100000,
  CreateReaderSignals1764400000000,
  AddLoginEpochs1796087310000,
  CreateFanoutWatermarks1796088420000,
  CreateFanoutOutbox1796087400000,
  CreateIdempotencyKeys1796087400100,
  FeedEventsRetentionIndex1796087400200,
  CreateMutedWords1796089514000,
  CreateAlerts1796089514100,
  CreatePushSubscriptions1796089514200,
  AddArticleStoryKeys1796091240000,
  CreateFeedMarkers1796092000000,
  CreateReaderStateRepairs1796093000000,
  MutesTopicIndex1796094000000,
];
