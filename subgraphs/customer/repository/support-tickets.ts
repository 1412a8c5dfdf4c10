import type { Kysely } from 'kysely';
import type { ChannelName } from '../../shared/universe.js';
import type { TicketStatusName } from '../domain/support-tickets.js';
import type { SupportTicketModel } from '../models.js';
import type { CustomerDatabase, SupportTicketRow } from '../tables.js';
import { groupBy } from '../../shared/group-by.js';

const toSupportTicket = (row: SupportTicketRow): SupportTicketModel => ({
  id: row.id,
  customerId: row.customer_id,
  subject: row.subject,
  body: row.body,
  status: row.status as TicketStatusName,
  channel: row.channel as ChannelName,
  openedAt: row.opened_at,
  orderId: row.order_id,
});

export async function findSupportTicketsByIds(db: Kysely<CustomerDatabase>, ids: readonly string[]): Promise<SupportTicketModel[]> {
  const rows = await db.selectFrom('support_tickets').selectAll().where('id', 'in', ids).execute();
  return rows.map(toSupportTicket);
}

/** Each customer's tickets, newest first. */
export async function findSupportTicketsByCustomerIds(
  db: Kysely<CustomerDatabase>,
  customerIds: readonly string[],
): Promise<Map<string, SupportTicketModel[]>> {
  const rows = await db
    .selectFrom('support_tickets')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .orderBy('customer_id')
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return groupBy(rows, (row) => row.customer_id, toSupportTicket);
}

export async function insertSupportTicket(db: Kysely<CustomerDatabase>, ticket: SupportTicketModel): Promise<void> {
  await db
    .insertInto('support_tickets')
    .values({
      id: ticket.id,
      customer_id: ticket.customerId,
      subject: ticket.subject,
      body: ticket.body,
      status: ticket.status,
      channel: ticket.channel,
      opened_at: ticket.openedAt,
      order_id: ticket.orderId,
    })
    .execute();
}
