/**
 * The federation engine: `ApolloGateway` plans each operation against the supergraph and runs
 * the plan through our data sources. Only the settings we rely on are decided here.
 */
import { ApolloGateway, type GatewayConfig, type SupergraphManager } from '@apollo/gateway';

export interface ApolloGatewayOptions {
  supergraph: SupergraphManager;
  buildService: NonNullable<GatewayConfig['buildService']>;
  logger: NonNullable<GatewayConfig['logger']>;
}

export function createApolloGateway({ supergraph, buildService, logger }: ApolloGatewayOptions): ApolloGateway {
  // @apollo/gateway >= 2.10 probes cloud metadata endpoints and exports usage metrics to Apollo
  // unless this variable is set, and it reads it nowhere but in the environment, at construction.
  // An operator who wants the export sets it to false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  return new ApolloGateway({
    supergraphSdl: supergraph,
    buildService,
    logger,
    // Otherwise any client sending `Apollo-Query-Plan-Experimental` gets our query plans whenever
    // NODE_ENV is not 'production'.
    __exposeQueryPlanExperimental: false,
  });
}
