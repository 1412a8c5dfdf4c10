/**
 * The demo retailer's customers, wishlists and support tickets, derived deterministically from
 * universe.ts and universe-orders.ts (orders are shared so that reviews know who bought what).
 */
import { SHOWCASE_CUSTOMERS, type OrderSeed } from '../shared/universe-orders.js';
import {
  CHANNELS,
  createRandom,
  customerId,
  isoDaysBefore,
  locations,
  slugify,
  type ChannelName,
  type ProductSeed,
  type SeedSize,
} from '../shared/universe.js';
import { foldForSearch } from '../shared/fold-text.js';
import { tierForPoints } from './domain/loyalty.js';
import type { TicketStatusName } from './domain/support-tickets.js';
import type { NewAddress, NewCustomer, NewSupportTicket, NewWishlistItem } from './tables.js';

const FIRST_NAMES = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Jade', 'Louise', 'Sarah', 'Zoé', 'Hélène', 'Élodie',
  'Anaïs', 'Margaux', 'Juliette', 'Clémence', 'Céline', 'Sophie', 'Nathalie', 'Aurélie', 'Océane', 'Maëlle',
  'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Nathan', 'Théo', 'Raphaël', 'Mathis', 'Antoine',
  'Thomas', 'Nicolas', 'Julien', 'Maxime', 'Alexandre', 'Benoît', 'Jérôme', 'François', 'Sébastien', 'Loïc',
  'Étienne', 'Grégoire', 'Yann', 'Mehdi', 'Karim', 'Jean', 'Pierre',
];
const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon',
  'Laurent', 'Lefèbvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel',
  'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand',
  'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin',
  'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson',
  'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier', 'Roger', 'Roche',
  'Roy', 'Noël', 'Meyer', 'Lucas', 'Meunier', 'Jean', 'Pérez', 'Marchand', 'Dufour', 'Blanchard', 'Le Gall',
  'Brun', 'Dumas', 'Brunet', 'Schmitt', 'Barbier', 'Hubert', 'Fabre', 'Da Silva', "D'Arcy",
];
const STREETS = [
  'rue de la Paix', 'rue Victor Hugo', 'avenue de la République', 'boulevard Gambetta', 'rue Pasteur',
  'rue des Lilas', 'allée des Tilleuls', 'chemin du Moulin', 'rue Jean Moulin', 'place du Marché',
  'impasse des Acacias', 'rue de l’Église', 'avenue Foch', 'quai de la Loire', 'rue Émile Zola',
];
const EMAIL_DOMAINS = ['example.fr', 'example.com', 'example.net', 'example.org'];

/** Deterministic support requests; `{order}` is replaced by an order number when about an order. */
const ORDER_TOPICS = [
  ['Where is my order {order}?', 'The tracking page has not moved for a few days. Can you tell me when it will arrive?'],
  ['Item damaged in order {order}', 'One of the items arrived damaged. I would like a replacement or a refund.'],
  ['Refund for order {order}', 'I returned the parcel two weeks ago and have not been refunded yet.'],
  ['Change pickup store for {order}', 'Could I collect my order in another store? The one I chose is far from work.'],
  ['Wrong size in order {order}', 'I received a size that is not the one I ordered.'],
] as const;
const GENERAL_TOPICS = [
  ['Loyalty points missing', 'My last purchases do not appear on my loyalty account.'],
  ['Unsubscribe from SMS', 'Please stop sending me text messages.'],
  ['Store opening hours', 'Is the store open on public holidays?'],
  ['Update my address', 'I have moved; please update my default delivery address.'],
] as const;

export interface DemoCustomers {
  customers: NewCustomer[];
  addresses: NewAddress[];
  wishlistItems: NewWishlistItem[];
  supportTickets: NewSupportTicket[];
}

const ascii = (text: string) => slugify(text).replace(/-/g, '');

export function demoCustomers(size: SeedSize, catalog: readonly ProductSeed[], history: readonly OrderSeed[]): DemoCustomers {
  const stores = locations().filter((l) => l.kind === 'STORE');
  const r = createRandom(301);
  const customers: NewCustomer[] = [];
  const addresses: NewAddress[] = [];
  for (let n = 1; n <= size.customers; n++) {
    const showcase = n <= SHOWCASE_CUSTOMERS;
    const id = customerId(n);
    const firstName = r.pick(FIRST_NAMES);
    const lastName = r.pick(LAST_NAMES);
    const email = `${r.chance(0.5) ? `${ascii(firstName)}.${ascii(lastName)}` : `${ascii(firstName)[0]}${ascii(lastName)}`}${n}@${r.pick(EMAIL_DOMAINS)}`;
    const phone = showcase || r.chance(0.9) ? `+33${r.pick(['6', '7'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}` : null;
    const points = Math.floor(r.next() ** 2 * 8000);
    const home = r.pick(stores);
    const personalized = showcase || r.chance(0.8);
    customers.push({
      id,
      n,
      first_name: firstName,
      last_name: lastName,
      email,
      phone,
      search_name: foldForSearch(`${firstName} ${lastName}`),
      loyalty_tier: tierForPoints(points),
      loyalty_points: points,
      preferred_store_id: showcase || r.chance(0.7) ? home.id : null,
      consents_email: showcase || r.chance(0.6) ? 1 : 0,
      consents_sms: showcase || r.chance(0.35) ? 1 : 0,
      consents_personalized: personalized ? 1 : 0,
      consents_updated_at: isoDaysBefore(r.int(0, 900), r),
    });
    const addressCount = r.chance(0.3) ? 2 : 1;
    for (let position = 0; position < addressCount; position++) {
      const place = position === 0 ? home : r.pick(stores);
      addresses.push({
        customer_id: id,
        position,
        line1: `${r.int(1, 150)} ${r.pick(STREETS)}`,
        line2: r.chance(0.2) ? `Appartement ${r.int(1, 60)}` : null,
        postal_code: place.postalCode,
        city: place.city,
        country: 'FR',
      });
    }
  }
  return {
    customers,
    addresses,
    wishlistItems: demoWishlists(size, catalog),
    supportTickets: demoSupportTickets(size, history),
  };
}

function demoWishlists(size: SeedSize, catalog: readonly ProductSeed[]): NewWishlistItem[] {
  const r = createRandom(302);
  const items: NewWishlistItem[] = [];
  for (let n = 1; n <= size.customers; n++) {
    const count = n <= SHOWCASE_CUSTOMERS ? r.int(2, 5) : r.int(0, 5);
    const skus = new Set<string>();
    while (skus.size < count) skus.add(r.pick(r.pick(catalog).variants).sku);
    for (const sku of skus) items.push({ customer_id: customerId(n), sku, added_at: isoDaysBefore(r.int(0, 365), r) });
  }
  return items;
}

function demoSupportTickets(size: SeedSize, history: readonly OrderSeed[]): NewSupportTicket[] {
  const r = createRandom(303);
  const ordersByCustomer = new Map<string, OrderSeed[]>();
  for (const order of history) {
    const list = ordersByCustomer.get(order.customerId);
    if (list) list.push(order);
    else ordersByCustomer.set(order.customerId, [order]);
  }
  const tickets: NewSupportTicket[] = [];
  for (let n = 1; n <= size.customers; n++) {
    const id = customerId(n);
    const roll = r.next();
    const count = n <= SHOWCASE_CUSTOMERS ? 1 + (n % 3) : roll < 0.7 ? 0 : roll < 0.9 ? 1 : roll < 0.97 ? 2 : 3;
    const orders = ordersByCustomer.get(id) ?? [];
    for (let k = 0; k < count; k++) {
      const order = orders.length > 0 && r.chance(0.6) ? r.pick(orders) : null;
      const [subject, body] = order ? r.pick(ORDER_TOPICS) : r.pick(GENERAL_TOPICS);
      const daysAgo = r.int(0, 400);
      const openedAt = order && isoDaysBefore(daysAgo) < order.placedAt ? order.placedAt : isoDaysBefore(daysAgo, r);
      const status: TicketStatusName = daysAgo < 5 ? r.pick(['OPEN', 'PENDING']) : r.chance(0.9) ? 'RESOLVED' : 'PENDING';
      tickets.push({
        id: `tkt-${String(tickets.length + 1).padStart(7, '0')}`,
        customer_id: id,
        subject: order ? subject.replace('{order}', order.number) : subject,
        body,
        status,
        channel: r.pick(CHANNELS) satisfies ChannelName,
        opened_at: openedAt,
        order_id: order?.id ?? null,
      });
    }
  }
  return tickets;
}
