import { CreateAccountsAndTopics1764300000000 } from '../../../migrations/1764300000000-CreateAccountsAndTopics';
import { CreateArticles1764300100000 } from '../../../migrations/1764300100000-CreateArticles';
import { CreateReaderSignals1764400000000 } from '../../../migrations/1764400000000-CreateReaderSignals';

// Listed by hand: Jest's ESM mode has no __dirname for a glob.
export const MIGRATIONS = [CreateAccountsAndTopics1764300000000, CreateArticles1764300100000, CreateReaderSignals1764400000000];
