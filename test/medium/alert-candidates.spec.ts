import { AlertsRepository } from '../../src/alerts/alerts.repository';
import { openMediumDb, insert, MediumDb } from '../support/medium-db';

// The alert plan cuts its chunk ranges from the candidates of createForRange's two branches: followers only
// for a breaking article, readers who chose the topic always. A normal article must not scan followers.
describe('alert candidates', () => {
  let m: MediumDb;
  let alerts: AlertsRepository;
  let topicId: string;
  const followers: string[] = [];
  let chooser: string;

  beforeAll(async () => {
    m = await openMediumDb();
    alerts = new AlertsRepository(m.db);
    topicId = await insert.topic(m.db, 'alert-candidates');
    for (let i = 0; i < 5; i++) {
      const id = await insert.user(m.db);
      await insert.follow(m.db, id, topicId);
      followers.push(id);
    }
    chooser = await insert.user(m.db);
    await m.db.query(`INSERT INTO alert_topics (user_id, topic_id, position) VALUES ($1, $2, 0)`, [chooser, topicId]);
  });
  afterAll(() => m.close());

  const before = (id: string) => (BigInt(id) - 1n).toString();

  it('a breaking article: its followers and the readers who chose its topic, in ranges of the given size', async () => {
    const ranges = await alerts.candidateRanges({ topicIds: [topicId], priority: 'breaking' }, 4);
    expect(ranges).toEqual([
      { after: before(followers[0]), last: followers[3] },
      { after: before(followers[4]), last: chooser },
    ]);
  });

  it('a normal article: only the readers who chose its topic', async () => {
    expect(await alerts.candidateRanges({ topicIds: [topicId], priority: 'normal' }, 4)).toEqual([
      { after: before(chooser), last: chooser },
    ]);
  });

  it('a normal article nobody chose: no range at all', async () => {
    const other = await insert.topic(m.db, 'alert-candidates-unchosen');
    await insert.follow(m.db, followers[0], other);
    expect(await alerts.candidateRanges({ topicIds: [other], priority: 'normal' }, 4)).toEqual([]);
  });
});
