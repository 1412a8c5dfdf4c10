/** How the gateway makes a subscription's primary fetch resumable (gateway/subscriptions/resumable-operation.ts). */
import { readFileSync } from 'node:fs';
import { buildASTSchema, getNamedType, isListType, isNonNullType, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Supergraph } from '@apollo/federation-internals';
import { historyFieldOf, prepareUpstreamOperation } from '../../gateway/subscriptions/resumable-operation.js';
import { downgradeEnforcedSecurityLinks } from '../../gateway/authorization/security-links.js';

const apiSchema = Supergraph.build(downgradeEnforcedSecurityLinks(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8')))
  .apiSchema()
  .toGraphQLJSSchema();
const normalise = (query: string) => print(parse(query));

describe('resumable upstream operations', () => {
  it("uses the client's own $after variable as the cursor and always asks for the sequence", () => {
    const upstream = prepareUpstreamOperation(
      apiSchema,
      'subscription W__inventory__0($skus:[ID!]$after:Int){stockChanged(skus:$skus after:$after){onHand}}',
      ['skus', 'after'],
      { skus: ['SKU-1'], after: 41, unrelated: true },
    );
    expect(upstream.variables).toEqual({ skus: ['SKU-1'], after: 41 });
    expect(upstream.resume).toMatchObject({ responseKey: 'stockChanged', initialCursor: 41, cursorVariable: 'after', headQuery: '{ head: stockLedgerHead }' });
    expect(normalise(upstream.query)).toBe(
      normalise('subscription W__inventory__0($skus:[ID!]$after:Int){stockChanged(skus:$skus after:$after){onHand __resumeSequence: sequence}}'),
    );
  });

  it('replaces a literal or missing `after` by a cursor variable of its own', () => {
    const literal = prepareUpstreamOperation(apiSchema, 'subscription{live: stockChanged(after: 7){sequence}}', [], undefined);
    expect(literal.resume).toMatchObject({ responseKey: 'live', initialCursor: 7, cursorVariable: '__resumeAfter', headQuery: '{ head: stockLedgerHead }' });
    expect(normalise(literal.query)).toBe(
      normalise('subscription($__resumeAfter: Int){live: stockChanged(after: $__resumeAfter){sequence __resumeSequence: sequence}}'),
    );
    const missing = prepareUpstreamOperation(apiSchema, 'subscription{stockChanged{onHand}}', [], undefined);
    expect(missing.resume?.initialCursor).toBeNull();
  });

  it('reads the same selection from the history field by pages, under the same response key, with the filters and a required cursor', () => {
    const upstream = prepareUpstreamOperation(
      apiSchema,
      'subscription W__inventory__0($skus:[ID!]$after:Int){live: stockChanged(skus:$skus after:$after){onHand location{id}}}',
      ['skus', 'after'],
      { skus: ['SKU-1'], after: 41 },
    );
    expect(normalise(upstream.resume!.historyQuery!)).toBe(
      normalise(
        'query W__inventory__0($skus:[ID!]$after:Int!$__pageSize:Int!){live: stockChanges(skus:$skus after:$after first:$__pageSize){onHand location{id} __resumeSequence: sequence}}',
      ),
    );
    const literal = prepareUpstreamOperation(apiSchema, 'subscription{stockChanged(after: 7){sequence}}', [], undefined);
    expect(normalise(literal.resume!.historyQuery!)).toBe(
      normalise('query($__resumeAfter: Int!, $__pageSize: Int!){stockChanged: stockChanges(after: $__resumeAfter, first: $__pageSize){sequence __resumeSequence: sequence}}'),
    );
  });

  it('leaves a field without an `after` cursor as it is', () => {
    const schema = buildASTSchema(parse('type Query { a: Int } type Subscription { ticks: Tick! } type Tick { n: Int! }'));
    const upstream = prepareUpstreamOperation(schema, 'subscription{ticks{n}}', [], undefined);
    expect(upstream).toEqual({ query: 'subscription{ticks{n}}', variables: {}, resume: undefined });
  });

  it('resumes reservationChanged on the stock ledger: its head is stockLedgerHead, its history reservationChanges', () => {
    const upstream = prepareUpstreamOperation(
      apiSchema,
      'subscription($at:[ID!]$after:Int){reservationChanged(locationIds:$at after:$after){status reservation{id}}}',
      ['at', 'after'],
      { at: ['store-01'], after: 12 },
    );
    expect(upstream.resume).toMatchObject({ responseKey: 'reservationChanged', initialCursor: 12, cursorVariable: 'after', headQuery: '{ head: stockLedgerHead }' });
    expect(normalise(upstream.resume!.historyQuery!)).toBe(
      normalise(
        'query($at:[ID!]$after:Int!$__pageSize:Int!){reservationChanged: reservationChanges(locationIds:$at after:$after first:$__pageSize){status reservation{id} __resumeSequence: sequence}}',
      ),
    );
  });

  it("gives every subscription with a history field one that takes its arguments, `after: Int!` and `first`, and lists its event type", () => {
    const subscriptionFields = Object.values(apiSchema.getSubscriptionType()!.getFields());
    const withHistory = subscriptionFields.filter((field) => historyFieldOf(field.name) !== undefined);
    expect(withHistory.map((field) => field.name).sort()).toEqual(['priceChanged', 'reservationChanged', 'stockChanged']);
    for (const field of withHistory) {
      const history = apiSchema.getQueryType()!.getFields()[historyFieldOf(field.name)!];
      expect(history, field.name).toBeDefined();
      const args = new Map(history!.args.map((arg) => [arg.name, arg.type.toString()]));
      for (const arg of field.args) expect(args.get(arg.name), `${history!.name}(${arg.name}:)`).toBe(arg.name === 'after' ? 'Int!' : arg.type.toString());
      expect(args.has('first'), `${history!.name}(first:)`).toBe(true);
      const listed = isNonNullType(history!.type) ? history!.type.ofType : history!.type;
      expect(isListType(listed), history!.name).toBe(true);
      expect(getNamedType(history!.type)).toBe(getNamedType(field.type));
    }
  });
});
