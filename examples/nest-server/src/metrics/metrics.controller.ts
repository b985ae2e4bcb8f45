import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { register } from 'prom-client';
import { ServerMetrics } from './server-metrics.js';

/** `GET /metrics` for Prometheus. Public like `/health`: restrict it at the ingress if needed. */
@ApiTags('health')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: ServerMetrics) {}

  @Get('metrics')
  // Every Registry uses the same content type (text format 0.0.4); the global one states it statically.
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiProduces('text/plain')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
