import { FollowsRepository } from '../../src/follows/follows.repository';
import { insert, MediumDb, openMediumDb } from '../support/medium-db';

// The fan-out's follower pages: who gets an article of two topics, and paging that reads each follower once.
const DAY = 86_400_000;

describe('FollowsRepository.followerPage', () => {
  let m: MediumDb;
  let follows: FollowsRepository;
  let sport: string;
  let tech: string;
  let art: string;
  let before: string;
  const readers: Record<string, string> = {};
  const activeSince = new Date(Date.now() - 30 * DAY);

  beforeAll(async () => {
    m = await openMediumDb();
    follows = new FollowsRepository(m.db);
    [sport, tech, art] = [await insert.topic(m.db, 'sport'), await insert.topic(m.db, 'tech'), await insert.topic(m.db, 'art')];
    before = await insert.user(m.db);
    const reader = async (name: string, f: string[], mutes: string[] = [], lastActiveAt?: Date) => {
      readers[name] = await insert.user(m.db, { lastActiveAt });
      for (const t of f) await insert.follow(m.db, readers[name], t);
      for (const t of mutes) await insert.mute(m.db, readers[name], t);
    };
    await reader('sportFan', [sport]);
    await reader('bothFan', [sport, tech]);
    await reader('mutesTech', [sport], [tech]);
    await reader('followsAndMutesSport', [sport, tech], [sport]);
    await reader('mutesArt', [tech], [art]);
    await reader('inactive', [sport], [], new Date(Date.now() - 60 * DAY));
    await reader('artFan', [art]);
    await reader('techFan', [tech]);
  });
  afterAll(() => m.close());

  it('gives an article of two topics to their active followers who mute neither, once each, in id order', async () => {
    const page = await follows.followerPage([sport, tech], before, activeSince, 100);

    expect(page.ids).toEqual([readers.sportFan, readers.bothFan, readers.mutesArt, readers.techFan]);
    // Follows read: bothFan and followsAndMutesSport follow both topics.
    expect(page.scanned).toBe(9);
    expect(page.last).toBe(readers.techFan);
  });

  it('leaves out a muter of one of the topics, even one who follows the other, and an inactive follower', async () => {
    const { ids } = await follows.followerPage([sport, tech], before, activeSince, 100);

    expect(ids).not.toContain(readers.mutesTech);
    expect(ids).not.toContain(readers.followsAndMutesSport);
    expect(ids).not.toContain(readers.inactive);
    expect(ids).not.toContain(readers.artFan);
  });

  it('judges one topic alone by its own mutes: a muter of another topic still gets it', async () => {
    const { ids } = await follows.followerPage([sport], before, activeSince, 100);

    expect(ids).toEqual([readers.sportFan, readers.bothFan, readers.mutesTech]);
  });

  it('pages through small limits without repeating or skipping anyone, and stops at upTo', async () => {
    for (const topics of [[sport], [sport, tech]]) {
      const all = await follows.followerPage(topics, before, activeSince, 100);
      const seen: string[] = [];
      let after = before;
      for (let pages = 0; ; pages++) {
        expect(pages).toBeLessThan(20);
        const page = await follows.followerPage(topics, after, activeSince, 2);
        seen.push(...page.ids);
        if (page.scanned < 2) break;
        expect(BigInt(page.last)).toBeGreaterThan(BigInt(after));
        after = page.last;
      }
      expect(seen).toEqual(all.ids);
    }

    const bounded = await follows.followerPage([sport, tech], before, activeSince, 100, readers.mutesTech);
    expect(bounded.ids).toEqual([readers.sportFan, readers.bothFan]);
    expect(bounded.last).toBe(readers.mutesTech);
  });
});
