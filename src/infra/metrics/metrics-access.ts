import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Without METRICS_TOKEN the metrics are open (keep the port internal); with it, scrapers send `Bearer <token>`. */
export function mayReadMetrics(token: string | undefined, authorization: string | undefined): boolean {
  if (!token) return true;
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}
