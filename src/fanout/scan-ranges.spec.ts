import { scanRanges } from './fanout-planner.service';

describe('scanRanges', () => {
  it('keeps a small span as one range', () => {
    expect(scanRanges({ min: '5', max: '30000' })).toEqual([{ after: '4', upTo: '30000' }]);
  });

  it('cuts a large span into at most four adjacent ranges covering [min, max]', () => {
    const ranges = scanRanges({ min: '1', max: '1000000' });
    expect(ranges).toHaveLength(4);
    expect(ranges[0].after).toBe('0');
    expect(ranges[3].upTo).toBe('1000000');
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].after).toBe(ranges[i - 1].upTo);
  });

  it('handles ids beyond 2^53', () => {
    const ranges = scanRanges({ min: '9007199254740993', max: '9007199254840993' });
    expect(ranges[0].after).toBe('9007199254740992');
    expect(ranges[ranges.length - 1].upTo).toBe('9007199254840993');
  });
});
