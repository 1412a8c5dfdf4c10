/**
 * A subgraph answers its own faults (a failed SQL statement, a bug) as a generic
 * INTERNAL_SERVER_ERROR and logs the real one: SQL, file names and hosts never travel, not even to
 * the gateway. Errors a resolver threw on purpose (GraphQLError) and request errors pass as they are.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import mercurius, { type MercuriusContext } from 'mercurius';

type FailedExecution = ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>;

function isFault(error: GraphQLError): boolean {
  const cause = error.originalError;
  return cause instanceof Error && !(cause instanceof GraphQLError) && error.extensions.code === undefined && !('errors' in cause);
}

export function maskInternalErrors<TContext extends MercuriusContext>(execution: FailedExecution, context: TContext) {
  const log = context.reply?.log ?? context.app.log;
  const errors = execution.errors.map((error) => {
    if (!isFault(error)) return error;
    log.error({ err: error.originalError, path: error.path }, 'resolver fault');
    return new GraphQLError('Internal server error', {
      nodes: error.nodes ?? null,
      path: error.path ?? null,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
  return mercurius.defaultErrorFormatter({ ...execution, errors }, context);
}
