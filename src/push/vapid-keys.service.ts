import { Injectable } from '@nestjs/common';
import webpush from 'web-push';
import { AppConfig } from '../infra/config/app-config';
import { AppError } from '../infra/http/app-error';
import { VapidKeysRepository } from './vapid-keys.repository';

export interface VapidDetails {
  subject: string;
  publicKey: string;
  privateKey: string;
}

const DEV_SUBJECT = 'mailto:push@mynews.invalid';

/**
 * The VAPID key pair: from config; outside production, when unset, made once and kept in Postgres (the
 * vapid_keys row) so every process and restart signs with the same pair. Production without keys has no push.
 */
@Injectable()
export class VapidKeysService {
  private cached: Promise<VapidDetails> | null = null;

  constructor(
    private readonly keys: VapidKeysRepository,
    private readonly config: AppConfig,
  ) {}

  get(): Promise<VapidDetails> {
    if (!this.cached) {
      this.cached = this.load();
      this.cached.catch(() => (this.cached = null));
    }
    return this.cached;
  }

  private async load(): Promise<VapidDetails> {
    const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT } = this.config;
    if (VAPID_PUBLIC_KEY && VAPID_PRIVATE_KEY)
      return { subject: VAPID_SUBJECT ?? DEV_SUBJECT, publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY };
    if (this.config.isProduction)
      throw new AppError(503, 'DEPENDENCY_UNAVAILABLE', 'Web Push is not configured on this server (VAPID keys).');
    const stored = await this.keys.keepFirst(webpush.generateVAPIDKeys());
    return { subject: VAPID_SUBJECT ?? DEV_SUBJECT, ...stored };
  }
}
