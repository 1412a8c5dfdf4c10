/**
 * Whether a GET (or HEAD) asks to run an operation: GraphQL over HTTP puts it in the `query`
 * parameter, and an APQ hash-only request in `extensions`. Without either it is a page load
 * (GraphiQL) that runs nothing.
 */
import type { FastifyRequest } from 'fastify';

export function getCarriesOperation(request: Pick<FastifyRequest, 'url'>): boolean {
  const queryStart = request.url.indexOf('?');
  if (queryStart === -1) return false;
  const parameters = new URLSearchParams(request.url.slice(queryStart + 1));
  return parameters.has('query') || parameters.has('extensions');
}
