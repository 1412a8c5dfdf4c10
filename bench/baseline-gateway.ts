/**
 * The baseline: stock @apollo/gateway (its own RemoteGraphQLDataSource) served by @apollo/server,
 * on the same supergraph and the same subgraphs as ours (BASELINE_SUPERGRAPH_PATH: another one, for the
 * field's benchmark).
 */
import { readFileSync } from 'node:fs';
import { downgradeEnforcedSecurityLinks } from '../gateway/authorization/security-links.js';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { createInternalTokenSigner } from '../gateway/identity/internal-token.js';
import { SUPERGRAPH_PATH } from '../schema/subgraphs.js';
import { PRINCIPAL_HEADER } from '../platform/internal-principal.js';

const port = Number(process.env.PORT ?? 4100);
// The subgraphs answer only vouched-for requests; the baseline vouches for anonymous, as ours does for the bench's calls.
const signer = createInternalTokenSigner(process.env.INTERNAL_TOKEN_SECRET ?? '');
const gateway = new ApolloGateway({
  // Stock @apollo/gateway refuses the authorization links `for: SECURITY`; it gets them downgraded, as ours does.
  supergraphSdl: downgradeEnforcedSecurityLinks(readFileSync(process.env.BASELINE_SUPERGRAPH_PATH ?? SUPERGRAPH_PATH, 'utf8')),
  buildService: ({ name, url }) =>
    new RemoteGraphQLDataSource({
      url: process.env[`${name.toUpperCase()}_URL`] ?? url ?? '',
      async willSendRequest({ request }) {
        request.http?.headers.set(PRINCIPAL_HEADER, await signer.tokenFor());
      },
    }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
console.log(JSON.stringify({ url }));
