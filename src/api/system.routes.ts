// Routes without a session: health (for a load balancer or the service manager), a trivial route for
// benchmarking the HTTP stack alone, and the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import { healthSchema, pingSchema } from '../contracts/system.contract.ts';
import { addRoute, type RouteDeps } from './api-route.ts';

export function systemRoutes(app: FastifyInstance, deps: RouteDeps): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/health',
    access: 'public',
    summary: 'Up, and the database answers',
    tags: ['system'],
    answer: healthSchema,
    handler: async () => {
      await deps.db.get('SELECT 1 AS ok');
      return { status: 'ok' as const, time: deps.clock() };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/ping',
    access: 'public',
    summary: 'Answers at once, touching nothing (benchmarks the HTTP stack)',
    tags: ['system'],
    answer: pingSchema,
    handler: async () => ({ pong: true as const }),
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/openapi.json',
    access: 'public',
    summary: 'This document',
    tags: ['system'],
    hide: true,
    handler: async () => app.swagger(),
  });
}
