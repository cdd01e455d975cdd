import { chunkUsers, packUsers } from './chunk-users';

describe('chunk users', () => {
  it('round-trips ids, big ones included, in order', () => {
    const ids = ['3', '19', '9223372036854775807', '4611686018427387904'];
    const users = packUsers(ids);
    expect(typeof users).toBe('string');
    expect(chunkUsers({ users })).toEqual(ids);
  });

  it('reads an empty chunk as no users', () => {
    expect(chunkUsers({ users: packUsers([]) })).toEqual([]);
  });

  it('reads the id array of a job enqueued before ids were packed', () => {
    expect(chunkUsers({ userIds: ['5', '21'] })).toEqual(['5', '21']);
  });
});
