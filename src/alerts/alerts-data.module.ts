import { Module } from '@nestjs/common';
import { AlertSettingsRepository } from './alert-settings.repository';
import { AlertsRepository } from './alerts.repository';

/** The alert tables, with no feature dependencies: the API and the alert workers use them. */
@Module({ providers: [AlertsRepository, AlertSettingsRepository], exports: [AlertsRepository, AlertSettingsRepository] })
export class AlertsDataModule {}
