/** GET /metrics: the Prometheus text exposition of the gateway's metrics. */
import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from './metrics.js';

export function registerMetricsRoute(app: FastifyInstance, metrics: GatewayMetrics, path = '/metrics'): void {
  app.get(path, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
