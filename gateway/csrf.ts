/**
 * CSRF prevention for the GraphQL endpoints, after Apollo Server's `csrfPrevention`: an operation
 * runs only if a browser would have had to ask the CORS policy first (a preflight). A browser
 * sends cross-site without preflight only GET/HEAD/POST with no content type or one of the three
 * CORS-safelisted ones and no custom header; such a request is refused before any work unless it
 * carries one of the preflight headers below. Besides state changes, this stops a foreign page
 * from timing our reads.
 *
 * A GET that runs no operation (the GraphiQL page) passes: it only serves HTML.
 * Apollo Client sends `content-type: application/json` even on GET; Apollo iOS and Kotlin send
 * `x-apollo-operation-name`; other GET clients add `apollo-require-preflight: true`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from './errors.js';
import { negotiateMediaType } from './negotiate-media-type.js';
import { getCarriesOperation } from './operation-in-url.js';

/** Any non-empty one of these shows the request was made by a script, so a browser preflighted it. */
export const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight', 'graphql-preflight'] as const;

/** https://fetch.spec.whatwg.org/#cors-safelisted-request-header */
const CORS_SAFELISTED_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/** The methods a browser sends cross-site without a preflight. */
const SIMPLE_METHODS = new Set(['GET', 'HEAD', 'POST']);

// An RFC 9110 token: what a browser's MIME type parser accepts as a type or subtype.
const MIME_ESSENCE = /^([!#$%&'*+.^_`|~0-9a-z-]+)\/([!#$%&'*+.^_`|~0-9a-z-]+)$/;

export const CSRF_MESSAGE =
  'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a ' +
  `'content-type' header (with a type that is not one of ${[...CORS_SAFELISTED_CONTENT_TYPES].join(', ')}) or provide ` +
  `a non-empty value for one of the following headers: ${PREFLIGHT_HEADERS.join(', ')}`;

/** Whether a browser could have sent this request cross-site without a preflight. */
export function couldSkipPreflight(method: string, headers: FastifyRequest['headers']): boolean {
  if (!SIMPLE_METHODS.has(method)) return false;
  const contentType = headers['content-type'];
  if (contentType !== undefined) {
    const essence = contentType.split(';')[0]!.trim().toLowerCase();
    // A type a browser cannot parse is not safelisted either, so it was preflighted (Apollo reasons the same).
    if (!MIME_ESSENCE.test(essence) || !CORS_SAFELISTED_CONTENT_TYPES.has(essence)) return false;
  }
  return !PREFLIGHT_HEADERS.some((name) => {
    const value = headers[name];
    return typeof value === 'string' ? value.length > 0 : Array.isArray(value) && value.some((v) => v.length > 0);
  });
}

export interface CsrfPreventionOptions {
  /** The routes that run operations (as registered, e.g. '/graphql'). */
  paths: readonly string[];
}

/** Adds the check to every request of `paths`, before its body is read. */
export function useCsrfPrevention(app: FastifyInstance, { paths }: CsrfPreventionOptions): void {
  const guarded = new Set(paths);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url;
    if (route === undefined || !guarded.has(route)) return;
    if ((request.method === 'GET' || request.method === 'HEAD') && !getCarriesOperation(request)) return;
    if (!couldSkipPreflight(request.method, request.headers)) return;
    const mediaType = negotiateMediaType(request.headers.accept, ['application/graphql-response+json', 'application/json'] as const) ?? 'application/json';
    return reply
      .status(400)
      .type(`${mediaType}; charset=utf-8`)
      .send(JSON.stringify({ errors: [{ message: CSRF_MESSAGE, extensions: { code: ErrorCode.BadRequest } }] }));
  });
}
