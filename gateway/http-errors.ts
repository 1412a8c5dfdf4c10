/**
 * Errors that happen before or around GraphQL (unknown route, body too large, a bug) answered in
 * the same `{ errors: [{ message, extensions: { code } }] }` shape as GraphQL errors, and never
 * with the internal message.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ErrorCode, errorsBody } from './errors.js';

export function sendErrors(reply: FastifyReply, status: number, message: string, code: ErrorCode): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(errorsBody(message, code));
}

/** Installs the not-found and error handlers of the whole server. */
export function useHttpErrors(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendErrors(reply, 404, `No route ${request.method} ${request.url.split('?')[0]}.`, ErrorCode.NotFound),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return sendErrors(reply, 413, 'The request body is too large.', ErrorCode.PayloadTooLarge);
    // Fastify's own 4xx (bad content-length, aborted body...) describe the request, not us.
    if (status >= 400 && status < 500) return sendErrors(reply, status, error.message, ErrorCode.BadRequest);
    request.log.error({ err: error }, 'request failed');
    return sendErrors(reply, 500, 'Internal server error.', ErrorCode.InternalServerError);
  });
}
