/**
 * GraphQL over HTTP to the gateway, the way any client of the graph calls it. Every failure
 * becomes a GatewayCallError with a code, so the simulator can count and print it and go on.
 */

export type GatewayFailureCode =
  /** No HTTP answer: refused, reset, DNS, timeout. */
  | 'GATEWAY_UNREACHABLE'
  /** An HTTP status that is not a GraphQL answer (e.g. 502 from a proxy). */
  | 'GATEWAY_HTTP_ERROR'
  /** A GraphQL answer with errors (validation, a subgraph down...). */
  | 'GRAPHQL_ERRORS';

export class GatewayCallError extends Error {
  constructor(
    readonly code: GatewayFailureCode,
    message: string,
    /** With GRAPHQL_ERRORS: the first error's `extensions.code` (e.g. UNAUTHENTICATED for a refused token). */
    readonly errorCode?: string,
  ) {
    super(message);
  }
}

export interface GatewayClient {
  readonly url: string;
  /**
   * Sends one operation, with `token` as its bearer token when given (the principal it acts for);
   * resolves with its data, or rejects with a GatewayCallError.
   */
  execute<TData>(document: string, variables?: Record<string, unknown>, token?: string): Promise<TData>;
}

export interface GatewayClientOptions {
  /** Milliseconds before a call is abandoned. @default 10000 */
  timeoutMs?: number;
}

interface GraphQLBody<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

/** What a failed fetch says once its cause is unwrapped (ECONNREFUSED beats "fetch failed"). */
function describeNetworkFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export function createGatewayClient(url: string, options: GatewayClientOptions = {}): GatewayClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    url,
    async execute<TData>(document: string, variables?: Record<string, unknown>, token?: string): Promise<TData> {
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          },
          body: JSON.stringify({ query: document, variables }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        throw new GatewayCallError('GATEWAY_UNREACHABLE', `cannot reach ${url}: ${describeNetworkFailure(error)}`);
      }
      let body: GraphQLBody<TData> | undefined;
      try {
        body = JSON.parse(text) as GraphQLBody<TData>;
      } catch {
        body = undefined;
      }
      if (!body || typeof body !== 'object' || !('data' in body || 'errors' in body)) {
        throw new GatewayCallError('GATEWAY_HTTP_ERROR', `HTTP ${response.status} from ${url} is not a GraphQL answer`);
      }
      if (body.errors?.length) {
        const first = body.errors[0]!;
        const code = typeof first.extensions?.code === 'string' ? `${first.extensions.code}: ` : '';
        throw new GatewayCallError('GRAPHQL_ERRORS', `${code}${first.message}`, typeof first.extensions?.code === 'string' ? first.extensions.code : undefined);
      }
      if (body.data == null) throw new GatewayCallError('GRAPHQL_ERRORS', `HTTP ${response.status}: an answer without data`);
      return body.data;
    },
  };
}
