import { isIanaTimeZone, isInQuietHours, localMinutes } from './quiet-hours';

describe('quiet hours', () => {
  const at = (iso: string) => Date.parse(iso);

  it('knows IANA zones and refuses the rest', () => {
    for (const zone of ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Etc/GMT+5']) expect(isIanaTimeZone(zone)).toBe(true);
    for (const zone of ['Mars/Olympus', '', 'Europe/Paris ', '../etc', 42, null]) expect(isIanaTimeZone(zone)).toBe(false);
  });

  it('reads the local time in the zone, daylight saving included', () => {
    expect(localMinutes(at('2026-07-01T21:30:00Z'), 'Europe/Paris')).toBe(23 * 60 + 30);
    expect(localMinutes(at('2026-12-01T21:30:00Z'), 'Europe/Paris')).toBe(22 * 60 + 30);
    expect(localMinutes(at('2026-12-01T21:30:00Z'), 'Asia/Kolkata')).toBe(3 * 60);
  });

  it('runs from start inclusive to end exclusive, across midnight when end < start', () => {
    const night = { start: '22:00', end: '07:00', timeZone: 'UTC' };
    expect(isInQuietHours(night, at('2026-12-01T22:00:00Z'))).toBe(true);
    expect(isInQuietHours(night, at('2026-12-01T03:00:00Z'))).toBe(true);
    expect(isInQuietHours(night, at('2026-12-01T06:59:00Z'))).toBe(true);
    expect(isInQuietHours(night, at('2026-12-01T07:00:00Z'))).toBe(false);
    expect(isInQuietHours(night, at('2026-12-01T21:59:00Z'))).toBe(false);
    const day = { start: '09:00', end: '17:00', timeZone: 'America/New_York' };
    expect(isInQuietHours(day, at('2026-12-01T14:00:00Z'))).toBe(true);
    expect(isInQuietHours(day, at('2026-12-01T22:00:00Z'))).toBe(false);
    expect(isInQuietHours(null, at('2026-12-01T03:00:00Z'))).toBe(false);
  });
});
