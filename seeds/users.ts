import type { Role } from '../src/users/user.entity';

// Demo only: every seeded account shares this published password. Never seed a real deployment.
export const DEMO_PASSWORD = 'mynews-demo';

export interface SeedUser {
  email: string;
  displayName: string;
  role: Role;
  follows: string[];
}

export const SEED_USERS: SeedUser[] = [
  {
    email: 'reader@mynews.local',
    displayName: 'Demo Reader',
    role: 'reader',
    follows: ['us-china-relations', 'hong-kong', 'tech', 'ai', 'economy', 'drugs-public-health', 'climate'],
  },
  {
    email: 'reader2@mynews.local',
    displayName: 'Second Reader',
    role: 'reader',
    follows: ['sport', 'football', 'markets', 'europe', 'science', 'culture'],
  },
  {
    email: 'editor@mynews.local',
    displayName: 'Demo Editor',
    role: 'editor',
    follows: ['world', 'opinion'],
  },
];
