import { PasswordHasher } from './password-hasher.service';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id and its pinned costs', async () => {
    const hashed = await hasher.hash('correct horse battery');
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hashed).not.toContain('correct horse battery');
  });

  it('verifies the right password only', async () => {
    const hashed = await hasher.hash('correct horse battery');
    await expect(hasher.verify(hashed, 'correct horse battery')).resolves.toBe(true);
    await expect(hasher.verify(hashed, 'correct horse batterY')).resolves.toBe(false);
  });

  it('treats an unparsable stored hash as no match', async () => {
    await expect(hasher.verify('not-a-hash', 'whatever1')).resolves.toBe(false);
  });

  it('never matches when there is no account', async () => {
    await expect(hasher.verifyAgainstNothing('anything at all')).resolves.toBe(false);
  });
});
