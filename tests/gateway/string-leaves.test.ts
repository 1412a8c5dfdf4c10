/**
 * The engine writes a subgraph's strings into the response text itself (shape-response.ts): a
 * string with nothing to escape is quoted as it is, any other goes through JSON.stringify. Every
 * kind of character a string can hold reaches the client as the subgraph sent it, in a body that
 * is valid JSON — quotes, backslashes, control characters, lone and paired surrogates, the line
 * and paragraph separators, non-ASCII text, in aliased fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/create-gateway.js';
import { startGraph, type TestGraph } from '../support/graph.js';
import { fakeSubgraph, postQuery, startGatewayAgainst, type StandIn } from './helpers.js';

const STRINGS = [
  'plain text, nothing to escape',
  '',
  'a "quoted" word',
  'a back\\slash and a \\"',
  'controls \u0000 \u0001 \b \f \n \r \t \u001f end',
  'a lone high \ud800 surrogate',
  'a lone low \udc00 surrogate',
  'a pair 🍮 and 東京, crème brûlée',
  'separators \u2028 \u2029 and DEL \u007f',
  '</script><!-- not HTML -->',
];

let graph: TestGraph;
let reviews: StandIn;
let gateway: RunningGateway;
beforeAll(async () => {
  graph = await startGraph();
  // Stands in for the reviews subgraph: every string above in the fields the query asks for.
  reviews = await fakeSubgraph((_request, response) => {
    const review = (i: number) => ({ id: `r${i}`, title: STRINGS[i], body: STRINGS[(i + 1) % STRINGS.length], createdAt: STRINGS[(i + 2) % STRINGS.length] });
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({ data: { first: review(0), ...Object.fromEntries(STRINGS.map((_, i) => [`r${i}`, review(i)])) } }),
    );
  });
  gateway = await startGatewayAgainst(graph, { REVIEWS_URL: reviews.url });
});
afterAll(async () => {
  await gateway?.close();
  await reviews?.close();
  await graph?.close();
});

describe("a subgraph's strings in the response", () => {
  it('reach the client exactly as the subgraph sent them, in valid JSON', async () => {
    const fields = STRINGS.map((_, i) => `r${i}: review(id: "r${i}") { id title body createdAt }`).join(' ');
    const answer = await postQuery(gateway.url, { query: `{ first: review(id: "first") { title } ${fields} }` });
    expect(answer.status).toBe(200);
    // The body parses as JSON (a string written unescaped would break it), and holds each string.
    const body = JSON.parse(answer.text) as { data: Record<string, { title: string; body?: string; createdAt?: string }>; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.first).toEqual({ title: STRINGS[0] });
    STRINGS.forEach((_, i) => {
      expect(body.data[`r${i}`]).toEqual({ id: `r${i}`, title: STRINGS[i], body: STRINGS[(i + 1) % STRINGS.length], createdAt: STRINGS[(i + 2) % STRINGS.length] });
    });
    // What JSON.stringify escapes is escaped in the text too (a lone surrogate as \ud800, not raw).
    expect(answer.text).toContain('\\ud800');
    expect(answer.text).toContain('\\u0000');
    expect(answer.text).toContain('🍮');
  });
});
