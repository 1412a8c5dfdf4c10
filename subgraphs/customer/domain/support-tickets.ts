import { USER_ERROR, userError, type UserError } from './errors.js';

export const SUBJECT_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 5000;
export const TICKET_STATUSES = ['OPEN', 'PENDING', 'RESOLVED'] as const;
export type TicketStatusName = (typeof TICKET_STATUSES)[number];

export interface TicketRequest {
  customerId: string;
  subject: string;
  body: string;
  channel: string;
  orderId: string | null;
}

/** Checks what can be checked without the database; the subject and body are trimmed first. */
export function checkTicketRequest(request: TicketRequest): { ticket: TicketRequest; errors: UserError[] } {
  const subject = request.subject.trim();
  const body = request.body.trim();
  const errors: UserError[] = [];
  if (subject.length < 1 || subject.length > SUBJECT_MAX_LENGTH) {
    errors.push(
      userError(USER_ERROR.INVALID_SUBJECT, `The subject must have 1 to ${SUBJECT_MAX_LENGTH} characters (got ${subject.length}).`, [
        'input',
        'subject',
      ]),
    );
  }
  if (body.length < 1 || body.length > BODY_MAX_LENGTH) {
    errors.push(
      userError(USER_ERROR.INVALID_BODY, `The body must have 1 to ${BODY_MAX_LENGTH} characters (got ${body.length}).`, ['input', 'body']),
    );
  }
  return { ticket: { ...request, subject, body }, errors };
}

/** An order can be attached to a ticket only by its own customer. */
export function checkTicketOrder(
  request: TicketRequest,
  order: { customerId: string } | null,
): UserError | null {
  if (request.orderId === null) return null;
  if (order && order.customerId === request.customerId) return null;
  return userError(USER_ERROR.ORDER_NOT_FOUND, `The customer has no order "${request.orderId}".`, ['input', 'orderId']);
}
