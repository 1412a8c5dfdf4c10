/**
 * CORS, so that web shops and back-office apps on other origins can call the gateway from a
 * browser. Preflights are answered here, before the GraphQL route sees the request.
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from './config.js';

/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_S = 600;

export async function useCors(app: FastifyInstance, origins: GatewayConfig['corsOrigins']): Promise<void> {
  if (origins === 'off') return;
  await app.register(cors, {
    origin: origins === '*' ? '*' : [...origins],
    methods: ['GET', 'POST'],
    maxAge: PREFLIGHT_MAX_AGE_S,
    // Lets a browser read the answer's status hints on a 405 or 429.
    exposedHeaders: ['Allow', 'Retry-After'],
  });
}
