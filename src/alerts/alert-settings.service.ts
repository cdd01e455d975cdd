import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../infra/http/app-error';
import { TopicsRepository } from '../topics/topics.repository';
import { AlertSettingsRepository } from './alert-settings.repository';
import type { AlertSettingsDto } from './dto/alert-settings.dto';
import type { QuietHours } from './quiet-hours';

export interface AlertSettingsView {
  breaking: boolean;
  topics: string[];
  quietHours: QuietHours | null;
  maxPerDay: number;
}

@Injectable()
export class AlertSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: AlertSettingsRepository,
    private readonly topics: TopicsRepository,
  ) {}

  async get(userId: string): Promise<AlertSettingsView> {
    const s = await this.settings.get(userId);
    const views = await this.topics.viewsByIds(s.topicIds);
    const slugById = new Map(views.map((v) => [v.id, v.slug]));
    return {
      breaking: s.breaking,
      topics: s.topicIds.flatMap((id) => (slugById.has(id) ? [slugById.get(id)!] : [])),
      quietHours: s.quietHours,
      maxPerDay: s.maxPerDay,
    };
  }

  async put(userId: string, dto: AlertSettingsDto): Promise<AlertSettingsView> {
    const slugs = [...new Set(dto.topics)];
    const found = await this.topics.findBySlugs(slugs);
    const idBySlug = new Map(found.map((t) => [t.slug, t.id]));
    const unknown = dto.topics.findIndex((slug) => !idBySlug.has(slug));
    if (unknown >= 0) {
      const field = `topics.${unknown}`;
      const message = `names an unknown topic: ${dto.topics[unknown]}`;
      throw new AppError(400, 'VALIDATION_FAILED', `${field} ${message}`, [{ field, message }]);
    }
    const quietHours = dto.quietHours ? { start: dto.quietHours.start, end: dto.quietHours.end, timeZone: dto.quietHours.timeZone } : null;
    await this.db.transaction((m) =>
      this.settings.put(m, userId, {
        breaking: dto.breaking,
        topicIds: slugs.map((s) => idBySlug.get(s)!),
        quietHours,
        maxPerDay: dto.maxPerDay,
      }),
    );
    return this.get(userId);
  }
}
