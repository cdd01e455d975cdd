import { bucketOf } from './feed-bucket';

const byBigInt = (id: string, buckets: number) => Number(BigInt(id) % BigInt(buckets));

describe('bucketOf', () => {
  it('is the id modulo the bucket count, for small ids', () => {
    expect(bucketOf('0', 16)).toBe(0);
    expect(bucketOf('7', 16)).toBe(7);
    expect(bucketOf('33', 16)).toBe(1);
    expect(bucketOf('1000', 1)).toBe(0);
  });

  it('agrees with BigInt arithmetic for ids near 2^63, where Number would round', () => {
    const ids = ['9223372036854775807', '9223372036854775806', '9223372036854775783', '9007199254740993', '18014398509481985'];
    for (const buckets of [1, 2, 3, 7, 16, 1000, 1023, 1024]) {
      for (const id of ids) expect(bucketOf(id, buckets)).toBe(byBigInt(id, buckets));
    }
    // Number(id) % 16 rounds to a different bucket here: the string arithmetic must not.
    expect(Number('9007199254740993') % 16).not.toBe(byBigInt('9007199254740993', 16));
  });

  it('agrees with BigInt arithmetic on a spread of ids', () => {
    let id = 1n;
    for (let i = 0; i < 2000; i++) {
      id = (id * 6364136223846793005n + 1442695040888963407n) % 9223372036854775807n;
      for (const buckets of [5, 16, 97, 1024]) expect(bucketOf(id.toString(), buckets)).toBe(byBigInt(id.toString(), buckets));
    }
  });
});
