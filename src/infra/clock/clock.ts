import { Global, Injectable, Module } from '@nestjs/common';

/**
 * "Now", for everything that judges time: ranking decay, scheduled publishing (due or not, also in SQL),
 * active-reader windows, cursor edges. One provider so tests (test/medium) can move time instead of waiting.
 */
@Injectable()
export class Clock {
  nowMs(): number {
    return Date.now();
  }

  now(): Date {
    return new Date(this.nowMs());
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
