export interface SeedTopic {
  slug: string;
  name: string;
  description: string;
  /** Must name a topic listed earlier, so parents are written before their children. */
  parentSlug?: string;
}

export const SEED_TOPICS: SeedTopic[] = [
  { slug: 'world', name: 'World', description: 'News from around the world.' },
  { slug: 'china', name: 'China', parentSlug: 'world', description: 'Politics, society and policy in mainland China.' },
  {
    slug: 'us-china-relations',
    name: 'US-China relations',
    parentSlug: 'china',
    description: 'Trade, security and diplomacy between Washington and Beijing.',
  },
  { slug: 'hong-kong', name: 'Hong Kong', parentSlug: 'china', description: 'Government, housing, transport and daily life in Hong Kong.' },
  { slug: 'taiwan', name: 'Taiwan', parentSlug: 'china', description: 'Cross-strait ties and politics in Taiwan.' },
  {
    slug: 'chinese-politics',
    name: 'Chinese politics',
    parentSlug: 'china',
    description: 'The Communist Party, the state council and policy-making in Beijing.',
  },
  { slug: 'asia', name: 'Asia', parentSlug: 'world', description: 'Stories from across the Asia-Pacific region.' },
  {
    slug: 'southeast-asia',
    name: 'Southeast Asia',
    parentSlug: 'asia',
    description: 'The Asean countries, from Indonesia to the Philippines.',
  },
  { slug: 'japan', name: 'Japan', parentSlug: 'asia', description: 'Politics, economy and society in Japan.' },
  {
    slug: 'korean-peninsula',
    name: 'Korean Peninsula',
    parentSlug: 'asia',
    description: 'North and South Korea, and the diplomacy around them.',
  },
  { slug: 'us', name: 'US', parentSlug: 'world', description: 'News from the United States.' },
  { slug: 'us-politics', name: 'US politics', parentSlug: 'us', description: 'The White House, Congress, the courts and the campaigns.' },
  { slug: 'europe', name: 'Europe', parentSlug: 'world', description: 'The European Union, the UK and their neighbours.' },
  { slug: 'middle-east', name: 'Middle East', parentSlug: 'world', description: 'Conflict, diplomacy and energy in the Middle East.' },
  { slug: 'business', name: 'Business', description: 'Companies, deals and the people who run them.' },
  { slug: 'economy', name: 'Economy', parentSlug: 'business', description: 'Growth, inflation, jobs and central banks.' },
  { slug: 'markets', name: 'Markets', parentSlug: 'business', description: 'Stocks, bonds, currencies and commodities.' },
  { slug: 'companies', name: 'Companies', parentSlug: 'business', description: 'Results, strategy and leadership at major companies.' },
  { slug: 'tech', name: 'Tech', description: 'Technology, the industry behind it and the people it affects.' },
  { slug: 'ai', name: 'AI', parentSlug: 'tech', description: 'Artificial intelligence: research, products and regulation.' },
  { slug: 'cybersecurity', name: 'Cybersecurity', parentSlug: 'tech', description: 'Hacks, data breaches and the defences against them.' },
  { slug: 'health', name: 'Health', description: 'Medicine, public health and well-being.' },
  {
    slug: 'drugs-public-health',
    name: 'Drugs & public health',
    parentSlug: 'health',
    description: 'Addiction, overdoses, drug policy and the health systems that respond.',
  },
  { slug: 'mental-health', name: 'Mental health', parentSlug: 'health', description: 'Research, care and policy on mental health.' },
  { slug: 'science', name: 'Science', description: 'Discoveries and the research behind them.' },
  { slug: 'space', name: 'Space', parentSlug: 'science', description: 'Missions, launches and astronomy.' },
  { slug: 'climate', name: 'Climate', description: 'Climate change, extreme weather and the policies to address them.' },
  { slug: 'energy', name: 'Energy', parentSlug: 'climate', description: 'Oil, gas, renewables and the energy transition.' },
  { slug: 'sport', name: 'Sport', description: 'Results, transfers and stories from the world of sport.' },
  { slug: 'football', name: 'Football', parentSlug: 'sport', description: 'Leagues, clubs and international football.' },
  { slug: 'basketball', name: 'Basketball', parentSlug: 'sport', description: 'The NBA, the CBA and international basketball.' },
  { slug: 'opinion', name: 'Opinion', description: 'Columns, editorials and analysis.' },
  { slug: 'culture', name: 'Culture', description: 'Film, books, music and the arts.' },
];
