/**
 * The cache module's rules (gateway/cache/CACHE.md), below the engine: an answer fetched before an
 * invalidation that landed while it was in flight is never kept (the in-flight race), what each
 * announcement drops (named entities, the entities named in `@requires` fields, root entries, `*`),
 * who a private answer is served to, what Cache-Control allows, and the in-process store's bound.
 */
import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH } from '../../schema/subgraphs.js';
import type { FetchCache, FetchCacheRequest } from '../../gateway/engine/fetch-cache.js';
import { createEntityCache, type EntityCache } from '../../gateway/cache/entity-cache.js';
import { createInProcessCacheStore, type InProcessCacheStore } from '../../gateway/cache/in-process-cache-store.js';
import { cachePolicyOf } from '../../gateway/cache/cache-policy.js';
import type { Principal } from '../../gateway/identity/principal.js';
import { fetchEntitiesThroughCache, type SubgraphAnswer } from '../../gateway/engine/fetch-through-cache.js';

const SUPERGRAPH = buildSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'), { assumeValidSDL: true });
const PUBLIC = 'public, max-age=60';
const ANONYMOUS = { principal: { authenticated: false, scopes: [] } satisfies Principal };
const customer = (id: string) => ({ principal: { authenticated: true, subject: id, scopes: ['customer'], expiresAt: new Date(Date.now() + 3_600_000) } satisfies Principal });

interface Setup {
  cache: EntityCache;
  store: InProcessCacheStore;
  fetches: FetchCache;
}

function setUp(maxBytes = 1_000_000): Setup {
  const store = createInProcessCacheStore({ maxBytes });
  const cache = createEntityCache({ store, maxTtlMs: 300_000 });
  return { cache, store, fetches: cache.forSupergraph(SUPERGRAPH) };
}

const variantStock = (sku: string, context: Record<string, unknown> = ANONYMOUS): FetchCacheRequest => ({
  subgraph: 'inventory',
  operation: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Variant{availableOnline}}}',
  field: '_entities',
  variables: {},
  representations: [{ __typename: 'Variant', sku }],
  context,
});

const productInStock = (id: string, skus: string[]): FetchCacheRequest => ({
  subgraph: 'inventory',
  operation: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Product{inStock}}}',
  field: '_entities',
  variables: {},
  representations: [{ __typename: 'Product', id, variants: skus.map((sku) => ({ sku })) }],
  context: ANONYMOUS,
});

const locationsRoot = (subgraph = 'inventory'): FetchCacheRequest => ({ subgraph, operation: '{locations{id}}', field: undefined, variables: { first: 3 }, context: ANONYMOUS });

/** Fetches `request` through the cache: what it held, or `answer` kept as `cacheControl` allows. */
async function fetchThrough(fetches: FetchCache, request: FetchCacheRequest, answer: unknown, cacheControl: string | null = PUBLIC) {
  const lookup = await fetches.lookup(request);
  if (lookup.hits[0] !== undefined) return { hit: true, value: lookup.hits[0] };
  lookup.store(new Map([[0, answer]]), { cacheControl, errors: false });
  return { hit: false, value: answer };
}

describe('the in-flight race', () => {
  it('refuses to keep an answer whose fetch started before an invalidation of its entity landed', async () => {
    const { cache, store, fetches } = setUp();
    const lookup = await fetches.lookup(variantStock('SKU-1'));
    expect(lookup.hits).toEqual([undefined]);
    // The subgraph answered with the level as it was; the commit's announcement lands before the answer is kept.
    await cache.invalidate({ subgraph: 'inventory', tags: ['Variant:SKU-1'] });
    lookup.store(new Map([[0, { availableOnline: 5 }]]), { cacheControl: PUBLIC, errors: false });
    expect(store.bytes()).toBe(0);
    expect((await fetches.lookup(variantStock('SKU-1'))).hits).toEqual([undefined]);
  });

  it('keeps an answer fetched after the invalidation, and one whose entity nobody changed meanwhile', async () => {
    const { cache, fetches } = setUp();
    const other = await fetches.lookup(variantStock('SKU-2'));
    await cache.invalidate({ subgraph: 'inventory', tags: ['Variant:SKU-1'] });
    other.store(new Map([[0, { availableOnline: 2 }]]), { cacheControl: PUBLIC, errors: false });
    await fetchThrough(fetches, variantStock('SKU-1'), { availableOnline: 6 });
    expect((await fetches.lookup(variantStock('SKU-1'))).hits).toEqual([{ availableOnline: 6 }]);
    expect((await fetches.lookup(variantStock('SKU-2'))).hits).toEqual([{ availableOnline: 2 }]);
  });
});

describe('what an announcement drops', () => {
  it('drops the entities it names, and those of another subgraph never', async () => {
    const { cache, fetches } = setUp();
    await fetchThrough(fetches, variantStock('SKU-1'), { availableOnline: 1 });
    await fetchThrough(fetches, variantStock('SKU-2'), { availableOnline: 2 });
    await cache.invalidate({ subgraph: 'catalog', tags: ['Variant:SKU-1'] });
    expect((await fetches.lookup(variantStock('SKU-1'))).hits).toEqual([{ availableOnline: 1 }]);
    await cache.invalidate({ subgraph: 'inventory', tags: ['Variant:SKU-1'] });
    expect((await fetches.lookup(variantStock('SKU-1'))).hits).toEqual([undefined]);
    expect((await fetches.lookup(variantStock('SKU-2'))).hits).toEqual([{ availableOnline: 2 }]);
  });

  it('drops an entity computed from a variant its @requires fields name when that variant changes (Product.inStock)', async () => {
    const { cache, fetches } = setUp();
    await fetchThrough(fetches, productInStock('prod-1', ['SKU-1', 'SKU-2']), { inStock: true });
    expect((await fetches.lookup(productInStock('prod-1', ['SKU-1', 'SKU-2']))).hits).toEqual([{ inStock: true }]);
    await cache.invalidate({ subgraph: 'inventory', tags: ['Variant:SKU-2', 'Location:wh-01'] });
    expect((await fetches.lookup(productInStock('prod-1', ['SKU-1', 'SKU-2']))).hits).toEqual([undefined]);
  });

  it('drops every root entry of the subgraph with any announcement, and every entry with *', async () => {
    const { cache, fetches } = setUp();
    await fetchThrough(fetches, locationsRoot(), { locations: [] });
    await fetchThrough(fetches, locationsRoot('reviews'), { locations: [] });
    await fetchThrough(fetches, variantStock('SKU-1'), { availableOnline: 1 });
    await cache.invalidate({ subgraph: 'inventory', tags: ['Variant:SKU-9'] });
    expect((await fetches.lookup(locationsRoot())).hits).toEqual([undefined]);
    expect((await fetches.lookup(locationsRoot('reviews'))).hits).toEqual([{ locations: [] }]);
    expect((await fetches.lookup(variantStock('SKU-1'))).hits).toEqual([{ availableOnline: 1 }]);
    await cache.invalidate({ subgraph: 'inventory', tags: ['*'] });
    expect((await fetches.lookup(variantStock('SKU-1'))).hits).toEqual([undefined]);
  });

  it('keeps a root answer through a change of named entities only (onlyTagged) unless it holds one of them', async () => {
    const { cache, fetches } = setUp();
    const productRoot = (id: string): FetchCacheRequest => ({ subgraph: 'catalog', operation: 'query($id:ID!){product(id:$id){__typename id name variants{__typename sku price{amount currency}}}}', field: undefined, variables: { id }, context: ANONYMOUS });
    const answer = (id: string, sku: string) => ({ product: { __typename: 'Product', id, name: id, variants: [{ __typename: 'Variant', sku, price: { amount: 100, currency: 'EUR' } }] } });
    await fetchThrough(fetches, productRoot('prod-1'), answer('prod-1', 'SKU-1'));
    await fetchThrough(fetches, productRoot('prod-2'), answer('prod-2', 'SKU-2'));
    // A price of SKU-2 changed, and nothing else: the answer holding SKU-1 only stays.
    await cache.invalidate({ subgraph: 'catalog', tags: ['Variant:SKU-2', 'Product:prod-2'], onlyTagged: true });
    expect((await fetches.lookup(productRoot('prod-1'))).hits).toEqual([answer('prod-1', 'SKU-1')]);
    expect((await fetches.lookup(productRoot('prod-2'))).hits).toEqual([undefined]);
    // A change that may have moved a list (onlyTagged unset) drops every root answer.
    await cache.invalidate({ subgraph: 'catalog', tags: ['Variant:SKU-9'] });
    expect((await fetches.lookup(productRoot('prod-1'))).hits).toEqual([undefined]);
  });

  it('drops a root answer it cannot read for entities with certainty (an alias, an entity without its key) with any announcement', async () => {
    const { cache, fetches } = setUp();
    const aliased: FetchCacheRequest = { subgraph: 'catalog', operation: 'query($id:ID!){p:product(id:$id){__typename id}}', field: undefined, variables: { id: 'prod-1' }, context: ANONYMOUS };
    const keyless: FetchCacheRequest = { subgraph: 'catalog', operation: 'query($id:ID!){product(id:$id){name}}', field: undefined, variables: { id: 'prod-1' }, context: ANONYMOUS };
    await fetchThrough(fetches, aliased, { p: { __typename: 'Product', id: 'prod-1' } });
    await fetchThrough(fetches, keyless, { product: { name: 'A' } });
    await cache.invalidate({ subgraph: 'catalog', tags: ['Variant:SKU-9'], onlyTagged: true });
    expect((await fetches.lookup(aliased)).hits).toEqual([undefined]);
    expect((await fetches.lookup(keyless)).hits).toEqual([undefined]);
  });
});

describe('who an entry is served to', () => {
  it('serves a private answer to its principal only, a public one to everyone', async () => {
    const { fetches } = setUp();
    await fetchThrough(fetches, variantStock('SKU-1', customer('cust-1')), { availableOnline: 1 }, 'private, max-age=60');
    expect((await fetches.lookup(variantStock('SKU-1', customer('cust-1')))).hits).toEqual([{ availableOnline: 1 }]);
    expect((await fetches.lookup(variantStock('SKU-1', customer('cust-2')))).hits).toEqual([undefined]);
    expect((await fetches.lookup(variantStock('SKU-1', ANONYMOUS))).hits).toEqual([undefined]);
    await fetchThrough(fetches, variantStock('SKU-2', customer('cust-1')), { availableOnline: 2 });
    expect((await fetches.lookup(variantStock('SKU-2', customer('cust-2')))).hits).toEqual([{ availableOnline: 2 }]);
  });

  it('keeps nothing that its Cache-Control does not allow', async () => {
    const { fetches, store } = setUp();
    // Each on a fetch of its own: after an answer that may not be kept, the same fetch skips the cache a while.
    for (const header of [null, 'no-store', 'public', 'public, max-age=0', 'public, max-age=60, no-cache']) {
      const request = variantStock('SKU-1');
      await fetchThrough(fetches, { ...request, operation: `${request.operation} # ${header}` }, { availableOnline: 1 }, header);
    }
    expect(store.bytes()).toBe(0);
  });
});

describe('an entity fetch through the cache', () => {
  const OPERATION = variantStock('x').operation;
  const representation = (sku: string) => ({ __typename: 'Variant', sku });
  const headers = (cacheControl: string) => ({ http: { headers: new Headers({ 'cache-control': cacheControl }) } });

  it('sends only the representations that missed, and answers with every entity in its place and each error at its index', async () => {
    const { fetches } = setUp();
    const sent: unknown[] = [];
    const send = (answer: SubgraphAnswer) => async (variables: Record<string, unknown>) => {
      sent.push(variables.representations);
      return answer;
    };
    const fetch = { cache: fetches, subgraph: 'inventory', operation: OPERATION, variables: {}, context: ANONYMOUS };
    const part = (skus: string[]) => [{ variable: 'representations', field: '_entities', representations: skus.map(representation) }];
    await fetchEntitiesThroughCache(fetch, part(['SKU-2']), send({ data: { _entities: [{ availableOnline: 2 }] }, ...headers('public, max-age=60') }));

    const answer = await fetchEntitiesThroughCache(
      fetch,
      part(['SKU-1', 'SKU-2', 'SKU-3']),
      send({
        data: { _entities: [{ availableOnline: 1 }, { availableOnline: null }] },
        errors: [{ message: 'no stock for you', path: ['_entities', 1, 'availableOnline'] }],
        ...headers('public, max-age=60'),
      }),
    );
    expect(sent[1]).toEqual([representation('SKU-1'), representation('SKU-3')]);
    expect(answer.data).toEqual({ _entities: [{ availableOnline: 1 }, { availableOnline: 2 }, { availableOnline: null }] });
    expect(answer.errors).toEqual([{ message: 'no stock for you', path: ['_entities', 2, 'availableOnline'] }]);
    // The entity with an error is not kept; the others are.
    expect((await fetches.lookup(variantStock('SKU-1'))).hits).toEqual([{ availableOnline: 1 }]);
    expect((await fetches.lookup(variantStock('SKU-3'))).hits).toEqual([undefined]);

    const allHit = await fetchEntitiesThroughCache(fetch, part(['SKU-2', 'SKU-1']), send({ data: null }));
    expect(sent).toHaveLength(2);
    expect(allHit.data).toEqual({ _entities: [{ availableOnline: 2 }, { availableOnline: 1 }] });
  });

  it('merges the cached entities of a fetch that failed whole, and keeps nothing of it', async () => {
    const { fetches, store } = setUp();
    const fetch = { cache: fetches, subgraph: 'inventory', operation: OPERATION, variables: {}, context: ANONYMOUS };
    const part = (skus: string[]) => [{ variable: 'representations', field: '_entities', representations: skus.map(representation) }];
    await fetchEntitiesThroughCache(fetch, part(['SKU-1']), async () => ({ data: { _entities: [{ availableOnline: 1 }] }, ...headers('public, max-age=60') }));
    const bytes = store.bytes();
    const failed = await fetchEntitiesThroughCache(fetch, part(['SKU-1', 'SKU-2']), async () => ({
      data: null,
      errors: [{ message: 'Subgraph "inventory" is unavailable', path: ['_entities', 0, 'availableOnline'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }],
    }));
    expect(failed.data).toEqual({ _entities: [{ availableOnline: 1 }, null] });
    expect(failed.errors?.[0]?.path).toEqual(['_entities', 1, 'availableOnline']);
    expect(store.bytes()).toBe(bytes);
  });

  it('goes on keeping a fetch after an answer with errors said no-store', async () => {
    const { fetches } = setUp();
    const lookup = await fetches.lookup(variantStock('SKU-1'));
    lookup.store(new Map([[0, { availableOnline: 0 }]]), { cacheControl: 'no-store', errors: true });
    await fetchThrough(fetches, variantStock('SKU-1'), { availableOnline: 1 });
    expect((await fetches.lookup(variantStock('SKU-1'))).hits).toEqual([{ availableOnline: 1 }]);
  });
});

describe('Cache-Control', () => {
  it('reads max-age as a TTL capped by the gateway, s-maxage first, private as the principal only', () => {
    expect(cachePolicyOf('public, max-age=60', 300_000)).toEqual({ scope: 'public', ttlMs: 60_000 });
    expect(cachePolicyOf('max-age=600', 300_000)).toEqual({ scope: 'public', ttlMs: 300_000 });
    expect(cachePolicyOf('max-age=600, s-maxage=20', 300_000)).toEqual({ scope: 'public', ttlMs: 20_000 });
    expect(cachePolicyOf('Private, Max-Age=30', 300_000)).toEqual({ scope: 'private', ttlMs: 30_000 });
    expect(cachePolicyOf('no-store', 300_000)).toBeUndefined();
    expect(cachePolicyOf(null, 300_000)).toBeUndefined();
  });
});

describe('the in-process store', () => {
  it('forgets everything on clear() (Redis back after an outage), and refuses what a fetch started before it writes', async () => {
    const { store, fetches } = setUp();
    await fetchThrough(fetches, variantStock('SKU-1'), { availableOnline: 1 });
    const inFlight = await fetches.lookup(variantStock('SKU-2'));
    store.clear();
    inFlight.store(new Map([[0, { availableOnline: 2 }]]), { cacheControl: PUBLIC, errors: false });
    expect((await fetches.lookup(variantStock('SKU-1'))).hits).toEqual([undefined]);
    expect((await fetches.lookup(variantStock('SKU-2'))).hits).toEqual([undefined]);
    await fetchThrough(fetches, variantStock('SKU-2'), { availableOnline: 3 });
    expect((await fetches.lookup(variantStock('SKU-2'))).hits).toEqual([{ availableOnline: 3 }]);
  });

  it('stays within CACHE_MAX_BYTES, the least recently used going first', async () => {
    const { fetches, store } = setUp(4_000);
    for (let index = 0; index < 50; index++) await fetchThrough(fetches, variantStock(`SKU-${index}`), { availableOnline: index, padding: 'x'.repeat(200) });
    expect(store.bytes()).toBeLessThanOrEqual(4_000);
    expect((await fetches.lookup(variantStock('SKU-49'))).hits[0]).toMatchObject({ availableOnline: 49 });
    expect((await fetches.lookup(variantStock('SKU-0'))).hits).toEqual([undefined]);
  });
});
