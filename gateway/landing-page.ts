/**
 * `GET /`: where a person who opens the gateway's address lands — links to GraphiQL, the partners'
 * GraphiQL and SDL, `/health`, `/ready` and `/metrics` (those this gateway serves). A client that
 * asks for JSON gets the same links as JSON.
 */
import type { FastifyInstance } from 'fastify';
import { negotiateMediaType } from './negotiate-media-type.js';

export interface LandingPageOptions {
  /** GraphiQL is served at /graphql to browsers. */
  graphiql: boolean;
  /** The partners' endpoint is mounted (its GraphiQL when `graphiql`, its SDL always). */
  partners: boolean;
  metrics: boolean;
}

interface Link {
  href: string;
  title: string;
  about: string;
}

export function registerLandingPage(app: FastifyInstance, options: LandingPageOptions): void {
  const links: Link[] = [
    { href: '/graphql', title: options.graphiql ? 'GraphiQL' : 'GraphQL endpoint', about: 'The whole graph: POST queries and mutations; WebSocket and SSE subscriptions on the same path.' },
    ...(options.partners
      ? [
          { href: '/public/graphql', title: options.graphiql ? "Partners' GraphiQL" : "Partners' endpoint", about: 'The public contract; every request needs an x-api-key.' },
          { href: '/public/schema.graphql', title: "Partners' SDL", about: 'The public contract as SDL, with every description (ETag, no key needed).' },
        ]
      : []),
    { href: '/health', title: '/health', about: 'The process is alive.' },
    { href: '/ready', title: '/ready', about: "The supergraph is loaded and every subgraph answers; each subgraph's circuit breaker." },
    ...(options.metrics ? [{ href: '/metrics', title: '/metrics', about: 'Prometheus metrics.' }] : []),
  ];
  const html = page(links);
  app.get('/', async (request, reply) => {
    const type = negotiateMediaType(request.headers.accept, ['text/html', 'application/json'] as const) ?? 'text/html';
    if (type === 'application/json') return reply.type('application/json; charset=utf-8').send({ name: 'omnichannel supergraph', links });
    return reply.type('text/html; charset=utf-8').send(html);
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(links: readonly Link[]): string {
  const items = links.map((link) => `<li><a href="${escapeHtml(link.href)}">${escapeHtml(link.title)}</a><span>${escapeHtml(link.about)}</span></li>`).join('\n      ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Omnichannel supergraph</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1f; }
      h1 { font-size: 1.5rem; }
      ul { list-style: none; padding: 0; }
      li { margin: 0.75rem 0; display: flex; flex-direction: column; }
      a { font-weight: 600; color: #0b57d0; }
      span { color: #55555c; }
    </style>
  </head>
  <body>
    <h1>Omnichannel supergraph</h1>
    <p>One graph for every touchpoint: catalog, inventory, customer, promotions and reviews.</p>
    <ul>
      ${items}
    </ul>
  </body>
</html>
`;
}
