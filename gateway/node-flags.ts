/**
 * The V8 flags the gateway runs with. `npm start` and `npm run start:gateway` pass them to node
 * (package.json cannot import this list: tests/gateway/node-flags.test.ts keeps both the same), and
 * so do the test and benchmark helpers that start the gateway as those scripts do.
 *
 * `--heap-growing-percent=50`: after each full collection V8 lets the old space grow to 1.5× what
 * survived, instead of a factor it picks itself from allocation speed (up to 4×). The gateway's
 * garbage comes in bursts — a 50,000-event replay, a large response — and with V8's own factor the
 * process grew by 56 to 113 MB during such a replay though its live heap stayed near 80 MB; with
 * 1.5× it grows by 35 to 38 MB, and the benchmark's throughput moves within its noise (README,
 * "Memory"). Written as a flag because V8 reads it when the heap is set up: setting it later from
 * `v8.setFlagsFromString` has no effect.
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--heap-growing-percent=50'];
