/** Quiet hours: from start (inclusive) to end (exclusive) in the reader's zone, across midnight when end < start. */
export interface QuietHours {
  start: string;
  end: string;
  timeZone: string;
}

export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** An IANA zone name this runtime knows (Intl.DateTimeFormat refuses the others). */
export function isIanaTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since local midnight of this instant in the zone. */
export function localMinutes(atMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(atMs);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

export function isInQuietHours(quiet: QuietHours | null, atMs: number): boolean {
  if (!quiet) return false;
  const now = localMinutes(atMs, quiet.timeZone);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? now >= start && now < end : now >= start || now < end;
}
