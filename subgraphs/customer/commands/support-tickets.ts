import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ChannelName } from '../../shared/universe.js';
import { customerNotFound } from '../domain/errors.js';
import { checkTicketOrder, checkTicketRequest, type TicketRequest } from '../domain/support-tickets.js';
import type { SupportTicketModel } from '../models.js';
import { findCustomersByIds } from '../repository/customers.js';
import { findOrdersByIds } from '../repository/orders.js';
import { insertSupportTicket } from '../repository/support-tickets.js';
import type { CustomerDatabase } from '../tables.js';
import { done, refused, type CommandResult } from './command-result.js';

/** Opens a ticket (status OPEN) for a customer, optionally about one of their orders. */
export async function openSupportTicket(
  db: Kysely<CustomerDatabase>,
  request: TicketRequest & { channel: ChannelName },
  now: string,
): Promise<CommandResult<SupportTicketModel>> {
  const { ticket, errors } = checkTicketRequest(request);
  return db.transaction().execute(async (trx) => {
    const [customer] = await findCustomersByIds(trx, [request.customerId]);
    if (!customer) errors.push(customerNotFound(request.customerId, ['input', 'customerId']));
    else if (request.orderId !== null) {
      const [order] = await findOrdersByIds(trx, [request.orderId]);
      const orderError = checkTicketOrder(request, order ?? null);
      if (orderError) errors.push(orderError);
    }
    if (errors.length > 0) return refused(errors);
    const created: SupportTicketModel = {
      id: `tkt-${randomUUID()}`,
      customerId: ticket.customerId,
      subject: ticket.subject,
      body: ticket.body,
      status: 'OPEN',
      channel: request.channel,
      openedAt: now,
      orderId: ticket.orderId,
    };
    await insertSupportTicket(trx, created);
    return done(created);
  });
}
