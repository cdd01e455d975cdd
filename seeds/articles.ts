import type { ArticlePriority } from '../src/articles/article.entity';

export interface SeedArticle {
  /** Also the CMS key: the article is stored with external_id 'seed:<slug>'. */
  slug: string;
  headline: string;
  summary: string[];
  paragraphs: string[];
  authors: string[];
  /** Primary topic first. */
  topics: string[];
  /** Published this many hours before the first seed ran. */
  hoursAgo: number;
  priority?: ArticlePriority;
  imageCaption?: string;
  /** The running story the article belongs to, if any. */
  storyKey?: string;
}

/** The seed story's running story: the counternarcotics working group and what surrounds it. */
export const SEED_STORY_KEY = 'us-china-counternarcotics';

/** The story myNEWS was born from: the first article a reader following US-China relations sees. */
export const SEED_STORY: SeedArticle = {
  slug: 'us-china-launch-working-group-to-address-opioid-crisis',
  headline: 'US, China launch working group to address opioid crisis',
  summary: [
    'White House deputy homeland security adviser Jen Daskal leads the US delegation, with officials from the departments of State, Treasury and Homeland Security',
    'Opioid overdoses killed more than 80,000 people in the United States in 2021, according to US figures',
    'The talks restore formal counternarcotics cooperation that Beijing suspended in 2022',
  ],
  paragraphs: [
    'Senior American and Chinese officials sat down in Beijing on Tuesday to set up a high-level counternarcotics working group, restarting formal cooperation on drug control almost two years after China walked away from it.',
    'Beijing froze the cooperation in 2022 in protest at the visit to Taiwan by Nancy Pelosi, who was then Speaker of the US House of Representatives. Chinese President Xi Jinping and US President Joe Biden agreed to revive it when they met in San Francisco last November.',
    'The US side is led by Jen Daskal, the White House deputy homeland security adviser. Her delegation includes officials from the State, Treasury and Homeland Security departments, as well as the Drug Enforcement Administration and the Department of Justice.',
    'A senior administration official summed up Washington\'s approach as "continued pressure, continued dialogue". The US wants the group to deliver joint law-enforcement action and better communication on illicit financing and on new chemicals as they appear.',
    'US officials said China had already shut down a company and blocked international payment accounts linked to the trade, and pointed to a drop in the precursor chemicals from China seized at some US airports.',
    'The stakes for the United States are high. More than 80,000 Americans died of opioid overdoses in 2021, and nearly 88 per cent of those deaths involved synthetic opioids such as fentanyl, according to the Centers for Disease Control and Prevention. Fentanyl is now the leading cause of death for Americans aged 18 to 49.',
    'The DEA calls China a "primary source" of the ingredients used to make fentanyl, most of which is smuggled into the US by Mexican cartels. China has opened conversations with Mexico, and officials stressed that the problem reaches well beyond the US, China, Mexico and Canada.',
  ],
  authors: ['Laura Whitfield', 'Chen Yiming'],
  topics: ['us-china-relations', 'drugs-public-health'],
  hoursAgo: 0.5,
  storyKey: SEED_STORY_KEY,
  imageCaption:
    'Xi Jinping and Joe Biden agreed to set up the working group when they met in San Francisco last November. Photo: The New York Times via AP pool',
};

export const SEED_ARTICLES: SeedArticle[] = [
  SEED_STORY,
  {
    slug: 'us-and-chinese-officials-to-meet-in-beijing-on-drug-control',
    headline: 'US and Chinese officials to meet in Beijing on drug control',
    summary: [
      'A White House-led delegation will travel to Beijing to restart formal cooperation on counternarcotics',
      'The talks follow a pledge made when the two presidents met in San Francisco last November',
    ],
    paragraphs: [
      'A US delegation led by the White House is due in Beijing this week for talks on curbing the flow of fentanyl ingredients, the first formal counternarcotics meeting between the two governments in almost two years.',
      'Officials from the departments of state, treasury and homeland security will take part, along with the Drug Enforcement Administration and the Department of Justice, according to people familiar with the plans.',
      'Beijing suspended the cooperation in 2022. Both sides have signalled they want the new channel to focus on practical steps: sharing information on illicit payments and tracking new chemicals as they appear.',
    ],
    authors: ['Owen Li'],
    topics: ['us-china-relations', 'drugs-public-health'],
    hoursAgo: 26,
    storyKey: SEED_STORY_KEY,
  },
  {
    slug: 'hangzhou-start-up-releases-open-ai-model',
    headline: 'Hangzhou start-up releases open-source AI model it says matches bigger rivals',
    summary: [
      'The model was trained for a fraction of the cost of leading US systems, the company says',
      'Independent researchers are still testing the claims',
    ],
    paragraphs: [
      'A Hangzhou-based artificial intelligence start-up has published the weights of its latest language model, saying it performs on par with far larger systems on coding and maths benchmarks.',
      'The company said training took about two months on a cluster of older chips, a claim that, if confirmed, would suggest export controls on advanced processors are doing less to slow Chinese developers than Washington intended.',
      'Researchers in Hong Kong and Singapore said early tests looked promising but cautioned that published benchmark scores often flatter a model compared with everyday use.',
    ],
    authors: ['Iris Tang'],
    topics: ['ai', 'tech', 'china'],
    hoursAgo: 1.5,
    imageCaption: 'Visitors try out AI applications at a technology fair in Hangzhou. Photo: Handout',
  },
  {
    slug: 'china-factory-activity-expands-for-first-time-in-six-months',
    headline: "China's factory activity expands for first time in six months",
    summary: [
      "The official purchasing managers' index rose above the 50-point line separating growth from contraction",
      'New export orders improved, but economists warn demand at home remains weak',
    ],
    paragraphs: [
      "Activity in China's manufacturing sector grew last month for the first time in half a year, according to official survey data released on Sunday, offering a tentative sign that stimulus measures are starting to work.",
      "The purchasing managers' index edged above 50, driven by a rebound in new orders and a smaller fall in export demand than economists had expected.",
      'Analysts cautioned against reading too much into a single month. "Households are still reluctant to spend, and the property sector is a drag on everything," said Daniel Ho, chief economist at a Hong Kong brokerage.',
    ],
    authors: ['Helen Yu'],
    topics: ['economy', 'china'],
    hoursAgo: 2,
  },
  {
    slug: 'hong-kong-plan-to-speed-up-public-housing-northern-metropolis',
    headline: 'Hong Kong unveils plan to speed up public housing in Northern Metropolis',
    summary: [
      'Officials aim to cut the average wait for a public rental flat to under four years',
      'Prefabricated construction will be used for about a third of the new units',
    ],
    paragraphs: [
      'The Hong Kong government has set out a plan to accelerate the construction of public housing in the Northern Metropolis, promising about 30,000 additional flats over the next five years.',
      'Housing officials said modular construction methods, already tested on transitional housing projects, would shorten building times by up to a year on some sites.',
      'Concern groups welcomed the target but said families living in subdivided flats needed help now, not when the new estates are finished.',
    ],
    authors: ['Natalie Wong'],
    topics: ['hong-kong'],
    hoursAgo: 3,
    imageCaption: 'Construction under way at a public housing site in the New Territories. Photo: Handout',
  },
  {
    slug: 'hang-seng-rebounds-as-tech-shares-lead-asian-rally',
    headline: 'Hang Seng rebounds as tech shares lead Asian rally',
    summary: [
      'The benchmark index gained 2.1 per cent, its best day in three weeks',
      'Internet platforms rose on hopes of lighter regulation',
    ],
    paragraphs: [
      'Hong Kong stocks climbed on Monday, with technology companies leading a broad rally across Asian markets after better-than-expected factory data from mainland China.',
      'The Hang Seng Index closed 2.1 per cent higher. Turnover rose to its highest level in a fortnight as southbound investors from the mainland bought heavily.',
      'Traders said the rebound could prove fragile. "We have seen several of these relief rallies this year, and most faded within a week," one Hong Kong fund manager said.',
    ],
    authors: ['Peter Lam'],
    topics: ['markets', 'hong-kong'],
    hoursAgo: 4,
  },
  {
    slug: 'opinion-counternarcotics-truce-is-a-start-not-a-solution',
    headline: 'Opinion: A counternarcotics truce is a start, not a solution',
    summary: [
      'Renewed cooperation on fentanyl is welcome, but it will be judged by results at the border and in the pharmacies',
      'Both governments have reasons to keep the working group out of wider disputes',
    ],
    paragraphs: [
      'Few issues unite American voters as thoroughly as the fentanyl crisis, and few offer Washington and Beijing such an obvious chance to show that talking still produces results.',
      'But the history of counternarcotics diplomacy is full of working groups that met, issued statements and changed little. The test this time will be whether chemical shipments actually fall and whether the cooperation survives the next flare-up over trade or Taiwan.',
      'If both sides can keep this channel insulated from their other quarrels, it could become a model for cooperation elsewhere. If not, it will join a long list of promising beginnings.',
    ],
    authors: ['Martin Reyes'],
    topics: ['opinion', 'us-china-relations', 'drugs-public-health'],
    hoursAgo: 5,
    storyKey: SEED_STORY_KEY,
  },
  {
    slug: 'senate-negotiators-near-deal-on-stopgap-funding-bill',
    headline: 'Senate negotiators near deal on stopgap funding bill',
    summary: ['The measure would keep federal agencies open for another six weeks', 'Disputes over border spending remain unresolved'],
    paragraphs: [
      'Senate negotiators from both parties said on Sunday they were close to agreeing a short-term spending bill that would avert a partial government shutdown at the end of the week.',
      'Aides said the draft would extend current funding levels for six weeks while talks continue on full-year budgets, leaving the most contentious questions, including border security money, for later.',
      'The bill would still need to pass the House, where a group of conservative members has threatened to oppose any extension that does not include spending cuts.',
    ],
    authors: ['Jonathan Price'],
    topics: ['us-politics', 'us'],
    hoursAgo: 6,
  },
  {
    slug: 'last-month-warmest-on-record-for-time-of-year',
    headline: 'Last month was the warmest on record for the time of year, monitors say',
    summary: [
      'Global average temperatures were about 1.6C above pre-industrial levels',
      'Scientists point to the combined effect of emissions and a strong El Nino',
    ],
    paragraphs: [
      'Last month was the warmest of its kind since records began, European climate monitors said on Monday, extending a streak of record-breaking months that began last summer.',
      'Sea surface temperatures also hit a new high for the period, a trend scientists link to the persistent build-up of greenhouse gases as well as a strong El Nino in the Pacific.',
      'Researchers said the figures should not be read as a permanent breach of the 1.5C target in the Paris Agreement, which refers to a long-term average, but warned that the window to stay below it is closing quickly.',
    ],
    authors: ['Amelia Stone'],
    topics: ['climate', 'science'],
    hoursAgo: 7,
  },
  {
    slug: 'electric-carmaker-cuts-prices-again-as-competition-intensifies',
    headline: 'Electric carmaker cuts prices again as competition intensifies',
    summary: [
      'Shenzhen-based Voltra lowered prices on its best-selling models by up to 8 per cent',
      'Analysts expect rivals to follow, squeezing margins across the industry',
    ],
    paragraphs: [
      "Voltra, one of China's fastest-growing electric vehicle makers, cut prices on its main models for the second time this year, in the latest sign of a bruising price war in the world's largest car market.",
      'The company said the reductions would help it reach its annual sales target. Its shares fell 4 per cent in Hong Kong as investors worried about profitability.',
      'Industry analysts said the price cuts would put pressure on smaller manufacturers, some of which are already struggling to raise funds.',
    ],
    authors: ['Kelvin Chan'],
    topics: ['companies', 'energy', 'china'],
    hoursAgo: 8,
  },
  {
    slug: 'typhoon-signal-no-8-raised-as-storm-nears-hong-kong',
    headline: 'Typhoon signal No 8 raised as storm nears Hong Kong',
    summary: [
      'Schools, courts and the stock exchange will stay closed while the signal is in force',
      'The Observatory says the storm will pass within 100km of the city overnight',
    ],
    paragraphs: [
      'The Hong Kong Observatory raised the No 8 gale or storm signal on Sunday evening as a typhoon tracked towards the Pearl River Delta, bringing strong winds and heavy rain to the city.',
      'Ferry services to outlying islands were suspended and several bus routes were cut back. The Airport Authority warned travellers to expect cancellations and delays into Monday.',
      'Residents were urged to stay indoors, secure windows and keep away from the shoreline. The government has opened temporary shelters for people who need them.',
    ],
    authors: ['Natalie Wong', 'Samuel Fung'],
    topics: ['hong-kong', 'climate'],
    hoursAgo: 9,
    priority: 'breaking',
    imageCaption: 'Waves crash against the waterfront in Heng Fa Chuen as the storm approaches. Photo: Handout',
  },
  {
    slug: 'late-equaliser-keeps-title-race-open',
    headline: 'Late equaliser keeps title race open',
    summary: [
      'The leaders conceded in the 93rd minute after dominating possession',
      'Their lead at the top is cut to two points with ten games left',
    ],
    paragraphs: [
      'A stoppage-time header from a substitute defender earned the visitors a 1-1 draw against the league leaders on Saturday, reopening a title race that had looked all but settled.',
      'The hosts had gone ahead early in the second half and created the better chances, but failed to add a second goal despite a string of saves from the opposing goalkeeper.',
      '"We should have killed the game," the home manager said afterwards. "At this stage of the season you get punished for that."',
    ],
    authors: ['Tom Harris'],
    topics: ['football', 'sport'],
    hoursAgo: 10,
  },
  {
    slug: 'flu-cases-rise-early-doctors-urge-vaccination',
    headline: 'Flu cases rise early in the season, doctors urge vaccination',
    summary: ['Positive tests for influenza doubled in two weeks', 'Health authorities extended free vaccination to more age groups'],
    paragraphs: [
      'Influenza is spreading earlier than usual this winter, health authorities said, as the share of respiratory samples testing positive for the virus doubled in a fortnight.',
      'Doctors said elderly people, young children and those with chronic illnesses were most at risk and urged them to get vaccinated before the peak, which is expected in the coming weeks.',
      'Public hospitals have added beds in medical wards and asked staff to postpone non-urgent leave.',
    ],
    authors: ['Grace Leung'],
    topics: ['health', 'hong-kong'],
    hoursAgo: 11,
  },
  {
    slug: 'eu-ministers-back-new-rules-on-repairing-electronic-devices',
    headline: 'EU ministers back new rules on repairing electronic devices',
    summary: [
      'Manufacturers will have to offer repairs for phones, washing machines and other goods beyond the warranty period',
      'Consumer groups call it a win for the right to repair',
    ],
    paragraphs: [
      'European Union ministers have approved rules requiring manufacturers to repair a range of household products and electronics for years after the legal warranty expires.',
      'The measures also oblige companies to make spare parts available at reasonable prices and bar them from using software to block independent repair shops.',
      'Industry groups said the rules would raise costs, while environmental campaigners said they would cut waste and save consumers money.',
    ],
    authors: ['Sophie Laurent'],
    topics: ['europe', 'tech'],
    hoursAgo: 12,
  },
  {
    slug: 'trade-envoys-hold-call-as-chip-export-rules-loom',
    headline: 'US and Chinese trade envoys hold call as chip export rules loom',
    summary: [
      'Both sides described the talks as candid and constructive',
      'Washington is expected to tighten controls on advanced chipmaking tools',
    ],
    paragraphs: [
      'Senior trade officials from the United States and China held a video call on Saturday, their second in a month, as Washington prepares to widen restrictions on exports of advanced semiconductor equipment.',
      'China\'s commerce ministry said its side raised "serious concerns" about the planned controls and about US tariffs on Chinese goods. The US side said it pressed for fair treatment of American companies operating in China.',
      'Analysts said the regular contact showed both governments wanted to keep economic tensions from spilling over, even as the technology rivalry deepens.',
    ],
    authors: ['Laura Whitfield'],
    topics: ['us-china-relations', 'economy', 'tech'],
    hoursAgo: 14,
  },
  {
    slug: 'manila-and-hanoi-agree-on-coast-guard-cooperation',
    headline: 'Manila and Hanoi agree on coast guard cooperation in South China Sea',
    summary: [
      'The agreement covers joint training, information sharing and search and rescue',
      'Both countries have overlapping claims with China in the waterway',
    ],
    paragraphs: [
      'The Philippines and Vietnam have signed an agreement to deepen cooperation between their coast guards, including joint exercises and a hotline to handle incidents at sea.',
      'Officials in both capitals said the deal was not directed at any third country, though it comes after a series of confrontations between their vessels and Chinese ships.',
      'Regional analysts said the agreement was modest in scope but symbolically important between two neighbours that also have competing claims of their own.',
    ],
    authors: ['Maria Santos'],
    topics: ['southeast-asia', 'asia'],
    hoursAgo: 16,
  },
  {
    slug: 'chinas-lunar-probe-enters-orbit-around-the-moon',
    headline: "China's lunar probe enters orbit around the moon",
    summary: [
      'The spacecraft will attempt a landing on the far side in the coming weeks',
      'It is designed to bring rock and soil samples back to Earth',
    ],
    paragraphs: [
      "A Chinese robotic spacecraft has entered orbit around the moon after a five-day journey, the country's space agency said, ahead of an attempt to collect samples from the lunar far side.",
      'If successful, the mission would be the first to return material from the side of the moon that never faces Earth, a region scientists believe differs markedly from the near side.',
      "The probe carries instruments contributed by several European countries and Pakistan, reflecting China's push to broaden international participation in its space programme.",
    ],
    authors: ['Wang Lei'],
    topics: ['space', 'science', 'china'],
    hoursAgo: 18,
    imageCaption: 'A Long March rocket lifts off from the Wenchang launch site in Hainan. Photo: Xinhua',
  },
  {
    slug: 'hong-kong-universities-draw-up-rules-for-ai-in-coursework',
    headline: 'Hong Kong universities draw up rules for AI use in coursework',
    summary: [
      'Students will have to declare when they use generative AI tools',
      'Some courses will return to handwritten, invigilated exams',
    ],
    paragraphs: [
      'Several Hong Kong universities are drafting common guidelines on the use of generative artificial intelligence in assignments, after a year in which each faculty set its own rules.',
      'Under the proposals, students could use AI tools for research and drafting but would have to declare how they used them. Assessments that test core skills would move back to exam halls.',
      'Lecturers said the aim was to teach students to use the tools well rather than pretend they did not exist.',
    ],
    authors: ['Iris Tang'],
    topics: ['ai', 'tech', 'hong-kong'],
    hoursAgo: 19,
  },
  {
    slug: 'strong-earthquake-strikes-off-northeastern-japan',
    headline: 'Strong earthquake strikes off northeastern Japan; tsunami advisory issued',
    summary: [
      'The magnitude 6.8 quake shook buildings in Tokyo, more than 300km away',
      'No major damage was reported in the first hours; nuclear plants were operating normally',
    ],
    paragraphs: [
      'A strong earthquake struck off the coast of northeastern Japan on Saturday morning, prompting a tsunami advisory for parts of the Pacific coast, the Japan Meteorological Agency said.',
      'Bullet train services in the region were briefly halted for safety checks. Local authorities said they had received reports of minor injuries but no major structural damage.',
      'The operator of the nuclear plants in the area said no abnormalities had been detected. The advisory was lifted about two hours later.',
    ],
    authors: ['Kenji Mori'],
    topics: ['japan', 'asia'],
    hoursAgo: 20,
    priority: 'breaking',
  },
  {
    slug: 'ransomware-attack-disrupts-hospital-systems',
    headline: 'Ransomware attack disrupts hospital systems in three states',
    summary: ['Ambulances were diverted and some surgeries postponed', 'The hospital group says patient data may have been accessed'],
    paragraphs: [
      'A ransomware attack has disrupted computer systems at a hospital group operating in three US states, forcing staff to switch to paper records and divert some ambulances.',
      'The company said it had taken systems offline to contain the attack and was working with federal investigators. It did not say whether it had received a ransom demand.',
      'Security researchers said health care providers remain a favoured target because disruption puts them under intense pressure to pay quickly.',
    ],
    authors: ['Alex Turner'],
    topics: ['cybersecurity', 'tech', 'health'],
    hoursAgo: 22,
  },
  {
    slug: 'naloxone-vending-machines-expand-to-more-us-cities',
    headline: 'Naloxone vending machines expand to more US cities',
    summary: [
      'The machines dispense the overdose-reversal drug free of charge',
      'Public health officials say easy access saves lives in the fentanyl era',
    ],
    paragraphs: [
      'Vending machines offering free naloxone, the medicine that can reverse an opioid overdose, are being installed in more American cities as local health departments look for ways to reach people who avoid clinics.',
      'Health officials said the machines, often placed near transit stations and shelters, had distributed thousands of doses in their first months, with many users returning to collect kits for friends.',
      'Researchers said naloxone was one part of the answer and called for more investment in treatment for opioid addiction.',
    ],
    authors: ['Rachel Kim'],
    topics: ['drugs-public-health', 'us'],
    hoursAgo: 24,
  },
  {
    slug: 'oil-prices-slip-as-traders-weigh-demand-outlook',
    headline: 'Oil prices slip as traders weigh demand outlook',
    summary: ['Brent crude fell below US$80 a barrel', 'Weaker demand forecasts outweighed supply worries in the Middle East'],
    paragraphs: [
      'Oil prices fell on Friday after an industry group trimmed its forecast for global demand growth next year, offsetting concerns about supply disruption in the Middle East.',
      'Brent crude slipped below US$80 a barrel for the first time in two weeks, while US benchmark crude also declined.',
      'Traders said attention would turn to the next meeting of major oil producers, where members are expected to discuss whether to extend output cuts.',
    ],
    authors: ['Peter Lam'],
    topics: ['markets', 'energy'],
    hoursAgo: 26,
  },
  {
    slug: 'mtr-signalling-fault-disrupts-tsuen-wan-line',
    headline: 'MTR signalling fault disrupts morning commute on Tsuen Wan line',
    summary: ['Trains ran at reduced frequency for about 90 minutes', 'The rail operator apologised and said it would review the incident'],
    paragraphs: [
      "Thousands of commuters faced long queues on Friday morning after a signalling fault slowed trains on the Tsuen Wan line, one of Hong Kong's busiest railway routes.",
      'The MTR Corporation said the fault was fixed by 9am and that free shuttle buses had been laid on between affected stations.',
      'Lawmakers called for an explanation, noting it was the second disruption on the line in a month.',
    ],
    authors: ['Samuel Fung'],
    topics: ['hong-kong'],
    hoursAgo: 27,
  },
  {
    slug: 'guangdong-extend-winning-streak-to-nine-games',
    headline: 'Guangdong extend winning streak to nine games in CBA',
    summary: ['The record champions beat Shanghai by 12 points', 'Their young point guard scored a career-high 34'],
    paragraphs: [
      'Guangdong stretched their winning run to nine games in the Chinese Basketball Association with a convincing victory over Shanghai on Thursday night.',
      'The team pulled away in the third quarter behind a career-best scoring night from their 21-year-old point guard, who made six three-pointers.',
      'The win keeps Guangdong second in the standings, one game behind the leaders.',
    ],
    authors: ['Jason Lee'],
    topics: ['basketball', 'sport'],
    hoursAgo: 29,
  },
  {
    slug: 'shipping-firms-reroute-vessels-as-red-sea-tensions-persist',
    headline: 'Shipping firms reroute vessels as Red Sea tensions persist',
    summary: ['Container ships are taking the longer route around Africa', 'Freight rates between Asia and Europe have more than doubled'],
    paragraphs: [
      'Major container lines are continuing to send ships around the Cape of Good Hope rather than through the Red Sea, adding days to journeys between Asia and Europe.',
      'Freight rates on the route have more than doubled in recent weeks, and retailers have warned of delays to deliveries.',
      'Economists said the disruption was unlikely to reignite inflation on its own but could add to price pressures if it lasts for months.',
    ],
    authors: ['Omar Haddad'],
    topics: ['middle-east', 'economy'],
    hoursAgo: 30,
  },
  {
    slug: 'film-festival-opens-with-record-asian-premieres',
    headline: 'Film festival opens with record number of Asian premieres',
    summary: [
      'More than 40 films from the region will screen for the first time',
      'Organisers say streaming deals are bringing independent directors to wider audiences',
    ],
    paragraphs: [
      'An international film festival opened on Thursday with its largest-ever selection of world premieres from Asian directors, including debut features from Indonesia, Mongolia and Hong Kong.',
      'Organisers said the programme reflected growing interest from streaming platforms, which have been buying regional titles to attract subscribers across Asia.',
      'The opening film, a family drama set in a Kowloon noodle shop, drew a standing ovation.',
    ],
    authors: ['Chloe Ng'],
    topics: ['culture'],
    hoursAgo: 31,
  },
  {
    slug: 'taiwan-legislature-passes-defence-budget',
    headline: "Taiwan's legislature passes defence budget after marathon session",
    summary: ['Spending on missiles and drones was largely preserved', 'Opposition lawmakers won cuts to some administrative costs'],
    paragraphs: [
      "Taiwan's legislature approved next year's defence budget early on Friday after a session that ran through the night, ending weeks of wrangling between the ruling party and the opposition.",
      'The final bill kept most of the funding for missiles, drones and coastal defences requested by the government, but trimmed some administrative and publicity spending.',
      "Beijing's Taiwan Affairs Office criticised the budget, saying it would increase tensions across the strait.",
    ],
    authors: ['Lin Wen-hsuan'],
    topics: ['taiwan'],
    hoursAgo: 33,
  },
  {
    slug: 'smartphone-shipments-rise-for-third-straight-quarter',
    headline: 'Smartphone shipments rise for third straight quarter',
    summary: ['Global shipments grew 6 per cent from a year earlier', 'Chinese brands gained share in emerging markets'],
    paragraphs: [
      'Global smartphone shipments grew for a third consecutive quarter, according to a market research firm, as demand recovered in emerging markets and consumers upgraded to phones with on-device AI features.',
      'Chinese manufacturers accounted for most of the growth, expanding in Africa, the Middle East and Southeast Asia.',
      'Analysts expect growth to slow next year as component prices rise.',
    ],
    authors: ['Kelvin Chan'],
    topics: ['tech', 'companies'],
    hoursAgo: 35,
  },
  {
    slug: 'offshore-wind-farm-begins-supplying-southern-china-grid',
    headline: 'Offshore wind farm begins supplying power to southern China grid',
    summary: ['The project off Guangdong is among the largest in Asia', 'It can power about two million homes at full capacity'],
    paragraphs: [
      'A large offshore wind farm off the coast of Guangdong has started delivering electricity to the southern China grid, its operator said on Wednesday.',
      'The project uses turbines designed to withstand typhoons, a key challenge for wind power in the region.',
      'Energy analysts said the pace of offshore wind construction in China far outstrips that of any other country, though grid connections remain a bottleneck.',
    ],
    authors: ['Amelia Stone'],
    topics: ['energy', 'climate', 'china'],
    hoursAgo: 37,
  },
  {
    slug: 'universities-report-fewer-chinese-applicants-amid-visa-scrutiny',
    headline: 'US universities report fewer Chinese applicants amid visa scrutiny',
    summary: ['Graduate applications from China fell for a second year', 'Students cite visa delays and questioning at the border'],
    paragraphs: [
      'American universities are receiving fewer applications from Chinese students, according to a survey of admissions offices, with the steepest drop in science and engineering graduate programmes.',
      'Students and advisers cited lengthy visa checks and reports of students being questioned on arrival as reasons some were choosing Britain, Australia or Hong Kong instead.',
      'University leaders warned that the decline could hurt research labs that rely on international graduate students.',
    ],
    authors: ['Chen Yiming'],
    topics: ['us-china-relations', 'us'],
    hoursAgo: 38,
  },
  {
    slug: 'opinion-hong-kong-housing-plan-needs-more-than-speed',
    headline: "Opinion: Hong Kong's housing plan needs more than speed",
    summary: [
      'New flats matter, but so do the jobs and transport links around them',
      'The Northern Metropolis risks becoming a dormitory town',
    ],
    paragraphs: [
      'Building homes faster is a worthy goal in a city where families wait years for a public flat. But a housing estate is not a neighbourhood.',
      'If the new towns in the north are finished before the railway lines, hospitals and offices planned alongside them, residents will face long commutes to jobs in Kowloon and on Hong Kong Island.',
      'The government should publish a timetable for the infrastructure as detailed as the one for the flats, and be held to both.',
    ],
    authors: ['Edward Yip'],
    topics: ['opinion', 'hong-kong'],
    hoursAgo: 40,
  },
  {
    slug: 'winter-storm-leaves-thousands-without-power-in-midwest',
    headline: 'Winter storm leaves thousands without power across the Midwest',
    summary: [
      'Heavy snow and freezing rain brought down power lines in four states',
      "Hundreds of flights were cancelled at Chicago's airports",
    ],
    paragraphs: [
      'A powerful winter storm swept across the US Midwest on Wednesday, knocking out power to tens of thousands of homes and snarling road and air travel.',
      'Utilities said crews were working to restore electricity but warned that some customers could be without power for days as temperatures dropped below freezing.',
      'Forecasters said the system would move east overnight, bringing snow to parts of New England.',
    ],
    authors: ['Jonathan Price'],
    topics: ['us', 'climate'],
    hoursAgo: 41,
  },
  {
    slug: 'long-work-hours-linked-to-depression-among-young-doctors',
    headline: 'Study links long work hours to depression among young doctors',
    summary: [
      'Doctors working more than 70 hours a week were twice as likely to report symptoms',
      'Researchers call for limits on consecutive shifts',
    ],
    paragraphs: [
      'Junior doctors who regularly work more than 70 hours a week are about twice as likely to develop symptoms of depression as those working under 50, according to a study that followed thousands of medical interns.',
      'The researchers said the link held after accounting for personal and family history of mental illness.',
      'Medical associations said the findings supported calls to cap weekly hours and guarantee rest between shifts.',
    ],
    authors: ['Grace Leung'],
    topics: ['mental-health', 'health'],
    hoursAgo: 43,
  },
  {
    slug: 'beijing-pledges-support-for-private-firms',
    headline: 'Beijing pledges support for private firms in new policy document',
    summary: [
      'The guidelines promise fair access to markets and financing',
      'Entrepreneurs want to see the promises enforced by local governments',
    ],
    paragraphs: [
      "China's leadership has issued a policy document promising equal treatment for private companies, in an effort to revive business confidence after several years of regulatory crackdowns.",
      'The guidelines call on local governments to pay overdue bills to private suppliers and to stop favouring state-owned enterprises in public contracts.',
      'Business owners welcomed the tone but said similar pledges in the past had not always been carried out.',
    ],
    authors: ['Helen Yu'],
    topics: ['chinese-politics', 'economy'],
    hoursAgo: 45,
  },
  {
    slug: 'fed-officials-signal-patience-on-rate-cuts',
    headline: 'Fed officials signal patience on interest rate cuts',
    summary: [
      'Policymakers want more evidence that inflation is falling sustainably',
      'Markets pushed back expectations for the first cut',
    ],
    paragraphs: [
      'Several Federal Reserve officials said this week they were in no hurry to cut interest rates, arguing that recent progress on inflation needed to be confirmed by more data.',
      'The comments led investors to push back their expectations for the first rate cut, lifting Treasury yields and the US dollar.',
      'Economists said the strong labour market gave the central bank room to wait.',
    ],
    authors: ['Daniel Brooks'],
    topics: ['economy', 'us'],
    hoursAgo: 47,
  },
  {
    slug: 'hong-kong-names-squad-for-asian-cup-qualifiers',
    headline: 'Hong Kong names squad for Asian Cup qualifiers',
    summary: ['Three uncapped players were called up', 'The team face two away matches in eight days'],
    paragraphs: [
      "Hong Kong's head coach named a 26-man squad on Tuesday for the next round of Asian Cup qualifiers, including three players who have yet to appear for the national team.",
      'The coach said the new players had earned their places with strong performances in the Premier League this season.',
      'Hong Kong sit second in their group and need at least four points from the two away games to stay in contention.',
    ],
    authors: ['Tom Harris'],
    topics: ['football', 'sport', 'hong-kong'],
    hoursAgo: 48,
  },
  {
    slug: 'hong-kong-visitor-arrivals-climb-as-tour-groups-return',
    headline: 'Hong Kong visitor arrivals climb as mainland tour groups return',
    summary: ['Arrivals were up 18 per cent on a year earlier', 'Retailers say spending per visitor is still below pre-pandemic levels'],
    paragraphs: [
      'Visitor arrivals to Hong Kong rose sharply last month, driven by the return of mainland tour groups and a busy calendar of concerts and sporting events.',
      'The Tourism Board said arrivals were up 18 per cent year on year, though still short of the levels seen before the pandemic.',
      'Retailers said visitors were spending less per trip than in the past, favouring food and experiences over luxury goods.',
    ],
    authors: ['Peter Lam'],
    topics: ['hong-kong', 'economy'],
    hoursAgo: 50,
  },
  {
    slug: 'food-delivery-platform-to-cut-staff',
    headline: 'Food delivery platform to cut 8 per cent of staff',
    summary: ['The company says it wants to focus on profitable markets', 'Riders are not affected by the job cuts'],
    paragraphs: [
      'A food delivery platform operating across Asia will cut about 8 per cent of its corporate workforce, its chief executive said in a memo to employees.',
      'The company said it would pull back from two smaller markets and concentrate on cities where it already makes a profit.',
      'The job cuts follow similar moves by other technology companies in the region as investors demand profits over growth.',
    ],
    authors: ['Kelvin Chan'],
    topics: ['companies', 'tech'],
    hoursAgo: 52,
  },
  {
    slug: 'researchers-map-coral-reef-recovery-after-bleaching',
    headline: 'Researchers map coral reef recovery after bleaching event',
    summary: ['Some reefs regained most of their coral cover within four years', 'Recovery was slower where water quality was poor'],
    paragraphs: [
      'Marine scientists have mapped how coral reefs recovered after a severe bleaching event, finding that some bounced back within a few years while others barely recovered at all.',
      'The study, based on drone surveys and diver counts, found that reefs near polluted river mouths recovered far more slowly.',
      'The authors said cutting local pollution could buy reefs time while the world works to limit warming.',
    ],
    authors: ['Amelia Stone'],
    topics: ['science', 'climate'],
    hoursAgo: 54,
  },
  {
    slug: 'seoul-says-north-korea-fired-short-range-missiles',
    headline: 'Seoul says North Korea fired short-range missiles into the sea',
    summary: ['The missiles flew about 400km before landing off the east coast', 'South Korea and Japan condemned the launches'],
    paragraphs: [
      "North Korea fired several short-range ballistic missiles into the sea off its east coast on Monday, South Korea's military said.",
      'The launches came days after joint military drills between South Korea and the United States, which Pyongyang regards as rehearsals for invasion.',
      "Japan's defence ministry said the missiles landed outside its exclusive economic zone.",
    ],
    authors: ['Park Ji-won'],
    topics: ['korean-peninsula', 'asia'],
    hoursAgo: 56,
  },
  {
    slug: 'eu-sets-out-guidance-for-general-purpose-ai-models',
    headline: 'EU sets out first guidance for general-purpose AI models',
    summary: ['Developers will have to document training data and test for risks', 'Smaller open-source projects get lighter obligations'],
    paragraphs: [
      "The European Commission has published its first detailed guidance for developers of general-purpose artificial intelligence models, explaining how they should comply with the bloc's AI law.",
      'The guidance asks developers to publish summaries of their training data, respect copyright opt-outs and assess risks from their most capable models.',
      'Technology companies said they were studying the text, while civil society groups said some obligations had been watered down.',
    ],
    authors: ['Sophie Laurent'],
    topics: ['ai', 'tech', 'europe'],
    hoursAgo: 58,
  },
  {
    slug: 'defence-officials-restore-military-hotline',
    headline: 'US and Chinese defence officials restore military hotline',
    summary: [
      'Theatre commanders held their first call in more than a year',
      'Both sides said the channel would help avoid accidents at sea and in the air',
    ],
    paragraphs: [
      'Military commanders from the United States and China spoke by phone for the first time in more than a year, restoring a communication channel that had been frozen since 2022.',
      'Defence officials said the call covered the safe conduct of ships and aircraft operating close to each other in the South China Sea and around Taiwan.',
      "Analysts said regular contact between commanders was one of the most practical outcomes of last year's summit between the two presidents.",
    ],
    authors: ['Laura Whitfield'],
    topics: ['us-china-relations', 'taiwan'],
    hoursAgo: 61,
  },
  {
    slug: 'health-officials-warn-of-xylazine-in-street-drugs',
    headline: 'Health officials warn of xylazine mixed into street drugs',
    summary: [
      'The animal sedative is increasingly found alongside fentanyl',
      'It does not respond to naloxone, complicating overdose treatment',
    ],
    paragraphs: [
      'Public health officials have issued a warning about xylazine, a veterinary sedative increasingly found mixed with fentanyl in the illicit drug supply.',
      'Because xylazine is not an opioid, naloxone does not reverse its effects, although officials stressed that the medicine should still be given in any suspected overdose.',
      'Doctors said the drug also causes severe wounds that can lead to amputation if left untreated.',
    ],
    authors: ['Rachel Kim'],
    topics: ['drugs-public-health', 'health'],
    hoursAgo: 64,
  },
  {
    slug: 'rail-strike-halts-trains-across-germany',
    headline: 'Rail strike halts trains across Germany for second day',
    summary: ['Most long-distance services were cancelled', 'The union is demanding a shorter working week'],
    paragraphs: [
      'Train drivers in Germany continued their strike for a second day on Thursday, cancelling most long-distance services and disrupting freight across the country.',
      "The drivers' union wants a shorter working week without a cut in pay. The rail operator says the demand is unaffordable and has offered a pay rise instead.",
      'Business groups warned that the strikes were damaging an economy already close to recession.',
    ],
    authors: ['Sophie Laurent'],
    topics: ['europe'],
    hoursAgo: 66,
  },
  {
    slug: 'yen-weakens-past-key-level-raising-intervention-talk',
    headline: 'Yen weakens past key level, raising talk of intervention',
    summary: [
      'The Japanese currency hit its weakest level against the dollar this year',
      'Finance ministry officials said they were watching markets closely',
    ],
    paragraphs: [
      "The yen fell past a closely watched level against the US dollar on Tuesday, prompting a warning from Japan's top currency official that the government was ready to act against excessive moves.",
      'The weakness reflects the wide gap between interest rates in Japan and the United States, which encourages investors to sell the yen for higher-yielding assets.',
      'Traders said the authorities were likely to step in if the currency fell much further.',
    ],
    authors: ['Kenji Mori'],
    topics: ['markets', 'japan'],
    hoursAgo: 70,
  },
];
