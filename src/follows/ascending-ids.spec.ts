import { ascendingIds, compareIds } from './ascending-ids';

describe('ascendingIds', () => {
  it('keeps ids already in order as they are', () => {
    const ids = ['2', '9', '10', '123', '9007199254740993'];
    expect(ascendingIds(ids)).toBe(ids);
  });

  it('sorts ids out of order as numbers, not as text', () => {
    expect(ascendingIds(['10', '9', '9007199254740993', '9007199254740992', '100'])).toEqual([
      '9',
      '10',
      '100',
      '9007199254740992',
      '9007199254740993',
    ]);
  });

  it('compares ids past 2^53 exactly', () => {
    expect(compareIds('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareIds('77', '77')).toBe(0);
    expect(compareIds('8', '10')).toBeLessThan(0);
  });
});
