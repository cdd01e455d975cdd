import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { FanoutMetrics } from './fanout-metrics.service';
import { JobFailureMetrics } from './job-failure-metrics.service';
import { Metrics } from './metrics';
import { WorkerMetricsServer } from './worker-metrics.server';

/** Prometheus series of the API and the worker alike; the worker also serves them (WorkerMetricsServer). */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [Metrics, FanoutMetrics, JobFailureMetrics, WorkerMetricsServer],
  exports: [Metrics, FanoutMetrics, WorkerMetricsServer],
})
export class MetricsModule {}
