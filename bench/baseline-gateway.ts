/**
 * The baseline: stock @apollo/gateway (its own RemoteGraphQLDataSource) served by @apollo/server,
 * on the same supergraph and the same subgraphs as ours.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { SUPERGRAPH_PATH } from '../schema/subgraphs.js';

const port = Number(process.env.PORT ?? 4100);
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
  buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: process.env[`${name.toUpperCase()}_URL`] ?? url ?? '' }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
console.log(JSON.stringify({ url }));
