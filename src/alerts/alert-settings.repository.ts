import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../infra/database/queryable';
import type { QuietHours } from './quiet-hours';

export interface StoredAlertSettings {
  breaking: boolean;
  topicIds: string[];
  quietHours: QuietHours | null;
  maxPerDay: number;
}

export const DEFAULT_ALERT_SETTINGS: StoredAlertSettings = { breaking: true, topicIds: [], quietHours: null, maxPerDay: 10 };

interface SettingsRow {
  breaking: boolean;
  quiet_start: string | null;
  quiet_end: string | null;
  quiet_time_zone: string | null;
  max_per_day: number;
}

/** alert_settings and alert_topics: a reader without a row has the defaults. */
@Injectable()
export class AlertSettingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(userId: string, m: Queryable = this.db): Promise<StoredAlertSettings> {
    const [row]: SettingsRow[] = await m.query(
      `SELECT breaking, quiet_start, quiet_end, quiet_time_zone, max_per_day FROM alert_settings WHERE user_id = $1`,
      [userId],
    );
    const topics: { topic_id: string }[] = await m.query(
      `SELECT topic_id::text AS topic_id FROM alert_topics WHERE user_id = $1 ORDER BY position`,
      [userId],
    );
    if (!row) return { ...DEFAULT_ALERT_SETTINGS, topicIds: topics.map((t) => t.topic_id) };
    const quietHours =
      row.quiet_start && row.quiet_end && row.quiet_time_zone
        ? { start: row.quiet_start, end: row.quiet_end, timeZone: row.quiet_time_zone }
        : null;
    return { breaking: row.breaking, topicIds: topics.map((t) => t.topic_id), quietHours, maxPerDay: row.max_per_day };
  }

  /** Replaces the whole settings, inside the caller's transaction. */
  async put(m: Queryable, userId: string, s: StoredAlertSettings): Promise<void> {
    await m.query(
      `INSERT INTO alert_settings (user_id, breaking, quiet_start, quiet_end, quiet_time_zone, max_per_day, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (user_id) DO UPDATE SET breaking = $2, quiet_start = $3, quiet_end = $4, quiet_time_zone = $5, max_per_day = $6, updated_at = now()`,
      [userId, s.breaking, s.quietHours?.start ?? null, s.quietHours?.end ?? null, s.quietHours?.timeZone ?? null, s.maxPerDay],
    );
    await m.query(`DELETE FROM alert_topics WHERE user_id = $1`, [userId]);
    if (s.topicIds.length) {
      await m.query(
        `INSERT INTO alert_topics (user_id, topic_id, position) SELECT $1, t.id, t.ord - 1 FROM unnest($2::bigint[]) WITH ORDINALITY AS t(id, ord)`,
        [userId, s.topicIds],
      );
    }
  }

  /** Push limits of many readers at once (readers without a row have the defaults). */
  async pushLimitsOf(userIds: readonly string[]): Promise<Map<string, Pick<StoredAlertSettings, 'quietHours' | 'maxPerDay'>>> {
    const rows: (SettingsRow & { user_id: string })[] = await this.db.query(
      `SELECT user_id::text AS user_id, breaking, quiet_start, quiet_end, quiet_time_zone, max_per_day FROM alert_settings WHERE user_id = ANY($1::bigint[])`,
      [userIds],
    );
    const limits = new Map<string, Pick<StoredAlertSettings, 'quietHours' | 'maxPerDay'>>();
    for (const id of userIds) limits.set(id, { quietHours: null, maxPerDay: DEFAULT_ALERT_SETTINGS.maxPerDay });
    for (const r of rows) {
      const quietHours =
        r.quiet_start && r.quiet_end && r.quiet_time_zone ? { start: r.quiet_start, end: r.quiet_end, timeZone: r.quiet_time_zone } : null;
      limits.set(r.user_id, { quietHours, maxPerDay: r.max_per_day });
    }
    return limits;
  }
}
