import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../schema/compose.js';
import { readSubgraphSdl } from '../../schema/subgraphs.js';

describe('npm run compose', () => {
  it('composes the five subgraphs', () => {
    const outcome = composeSupergraph();
    expect(outcome.ok).toBe(true);
  });

  it('names the subgraph file and line of a composition error', () => {
    // promotions' Money loses @shareable: two subgraphs would then both resolve Money.amount.
    const promotions = readSubgraphSdl('promotions').replace('type Money @shareable {', 'type Money {');
    const line = promotions.split('\n').findIndex((l) => l === '  amount: Int!') + 1;
    const outcome = composeSupergraph({ promotions });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const message = outcome.errors.join('\n');
    expect(message).toMatch(/INVALID_FIELD_SHARING/);
    // A field's location starts at its description, the line above it.
    expect(message).toContain(`schema/promotions.graphql:${line - 1}:3`);
  });

  it('names the file, line and column of a syntax error', () => {
    const outcome = composeSupergraph({ reviews: 'type Review @key(fields: "id") {\n  id: ID!\n  rating Int!\n}' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors[0]).toMatch(/schema\/reviews\.graphql:3:10/);
  });
});
