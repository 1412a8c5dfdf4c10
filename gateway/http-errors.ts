/**
 * Errors that happen before or around GraphQL (unknown route, body too large, a bug) answered in
 * the same `{ errors: [{ message, extensions: { code } }] }` shape as GraphQL errors, and never
 * with the internal message.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
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

/**
 * Fastify's `clientErrorHandler`: a request HTTP itself refuses before any route sees it (headers
 * over the size limit, a request not received within REQUEST_TIMEOUT_MS, unparsable HTTP) is
 * answered in the same coded shape, then its connection is closed, as Node does.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message, code] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request was not received in time.', ErrorCode.RequestTimeout]
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request line and headers are too large; send a long operation with POST.', ErrorCode.RequestHeaderFieldsTooLarge]
        : [400, 'The request is not valid HTTP.', ErrorCode.BadRequest];
  if (socket.writable) {
    const body = errorsBody(message, code);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
