/** Thin adapters from the SDL to the targeting (eligibility.ts) and money (pricing.ts) rules. */
import { GraphQLError } from 'graphql';
import { requireCustomerAccess, requireCustomerRead } from '../shared/access.js';
import { appliesTo, isPersonalOfferFor } from './eligibility.js';
import type { Resolvers, VariantActivePromotionsArgs } from './generated/resolvers.js';
import { parseInstant } from './instant.js';
import type { Money, PromotionModel } from './models.js';
import { appliesInCurrency, effectivePrice, rankByDiscount } from './pricing.js';
import type { PromotionsContext } from './context.js';
import { findPromotions } from './repository.js';
import { endPromotion } from './promotion-ends.js';
import { startPromotion } from './promotion-starts.js';
import { announcePriceChange } from './price-announcements.js';
import { priceChangeResolvers } from './price-change-resolvers.js';
import { audited } from '../shared/audit.js';

/** A Variant as the gateway hands it over: its key and, as required, its list price. */
interface VariantRepresentation {
  sku: string;
  price?: Money | null;
}

/**
 * A Customer as the gateway hands it over: its key and the consent `personalOffers` requires, as
 * the customer subgraph answered it for this request's principal (it refuses it to store staff
 * without consent, and the gateway then sends no representation at all).
 */
interface CustomerRepresentation {
  id: string;
  consents?: { personalizedOffers?: unknown } | null;
}

/** The promotions that apply to one variant; a bounded number of statements for any number of variants. */
async function applicablePromotions(
  variant: VariantRepresentation,
  args: VariantActivePromotionsArgs,
  context: PromotionsContext,
): Promise<PromotionModel[]> {
  // Promotions for a customer say which personal offers they have: the customer's own rules, as
  // for Customer.personalOffers, checked before anything is read.
  if (args.customerId !== undefined && args.customerId !== null) requireCustomerAccess(context.principal, args.customerId);
  const [active, targetingSku, audience] = await Promise.all([
    context.activePromotions(),
    context.promotionIdsBySku.load(variant.sku),
    args.customerId ? context.promotionIdsByCustomer.load(args.customerId) : Promise.resolve([]),
  ]);
  const facts = { targetingSku: new Set(targetingSku), audienceOfCustomer: new Set(audience) };
  return active.filter((promotion) => appliesTo(promotion, args, facts, context.now));
}

function listPrice(variant: VariantRepresentation): Money | null {
  const price = variant.price;
  return price && typeof price.amount === 'number' && typeof price.currency === 'string' ? price : null;
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

export const resolvers: Resolvers = {
  Mutation: {
    // The scope (promotions:write) is the directive's, enforced here too (enforce-directives.ts).
    startPromotion: audited(
      'startPromotion',
      async (_root, { input, idempotencyKey }, context: PromotionsContext) => {
        const outcome = await startPromotion(context.db, input, idempotencyKey, new Date(context.now));
        if (outcome.id === null) return { promotion: null, userErrors: outcome.userErrors };
        // Announced before the answer, so a client that reads after it never finds a cache that did not hear of it.
        await announcePriceChange(context.events, outcome.commit, [outcome.id]);
        return { promotion: await context.promotionById.load(outcome.id), userErrors: [] };
      },
      ({ input }) => ({ name: input.name }),
    ),
    endPromotion: audited(
      'endPromotion',
      async (_root, { id, idempotencyKey }, context: PromotionsContext) => {
        const outcome = await endPromotion(context.db, id, idempotencyKey, new Date(context.now));
        if (outcome.id === null) return { promotion: null, userErrors: outcome.userErrors };
        await announcePriceChange(context.events, outcome.commit, [outcome.id]);
        // Whatever this request loaded before holds the old end.
        context.promotionById.clear(outcome.id);
        return { promotion: await context.promotionById.load(outcome.id), userErrors: [] };
      },
      ({ id }) => ({ promotionId: id }),
    ),
  },
  Subscription: priceChangeResolvers.Subscription,
  PriceChange: priceChangeResolvers.PriceChange,
  Query: {
    ...priceChangeResolvers.Query,
    async promotions(_parent, args, context) {
      let activeAt: number | undefined;
      if (args.activeAt !== undefined && args.activeAt !== null) {
        const parsed = parseInstant(args.activeAt);
        if (parsed === null) {
          throw badInput(`activeAt must be an ISO 8601 date or date-time such as 2026-03-01T10:00:00Z, got "${args.activeAt}"`);
        }
        activeAt = parsed;
      }
      return findPromotions(context.db, {
        ...(activeAt !== undefined ? { activeAt } : {}),
        ...(args.channel ? { channel: args.channel } : {}),
      });
    },
  },
  Promotion: {
    __resolveReference: (reference, context) => context.promotionById.load(reference.id),
    discount: (promotion) => ({
      percentOff: promotion.percentOff,
      amountOff: promotion.amountOff === null ? null : { amount: promotion.amountOff, currency: promotion.currency },
    }),
    storeIds: (promotion) => (promotion.storeIds.length > 0 ? promotion.storeIds : null),
  },
  Variant: {
    async activePromotions(variant, args, context) {
      const representation = variant as VariantRepresentation;
      const price = listPrice(representation);
      const applicable = await applicablePromotions(representation, args, context);
      // An amount off in another currency than the price's takes nothing off: it is not shown.
      return rankByDiscount(price, price ? applicable.filter((p) => appliesInCurrency(price.currency, p)) : applicable);
    },
    async effectivePrice(variant, args, context) {
      const representation = variant as VariantRepresentation;
      const price = listPrice(representation);
      if (!price) throw badInput(`effectivePrice of ${representation.sku} needs the variant's price { amount currency }`);
      return effectivePrice(price, await applicablePromotions(representation, args, context));
    },
  },
  Customer: {
    // Which offers were chosen for someone says something of their history: theirs and the call
    // center's to see, and store staff's when the customer consented to personalised service. The
    // consent comes in the representation: only the gateway can send one (subgraph trust), and it
    // read it from the customer subgraph for this very principal. That read is the one audited
    // (customer/ACCESS.md): the customer subgraph sees every one, and its answers are never cached.
    async personalOffers(customer, args, context) {
      const { id, consents } = customer as CustomerRepresentation;
      requireCustomerRead(context.principal, id, consents?.personalizedOffers === true);
      const [active, audience] = await Promise.all([
        context.activePromotions(),
        context.promotionIdsByCustomer.load(id),
      ]);
      const audienceOfCustomer = new Set(audience);
      return active
        .filter((promotion) => isPersonalOfferFor(promotion, audienceOfCustomer, args.channel, context.now))
        .sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt) || (a.id < b.id ? -1 : 1));
    },
  },
};
