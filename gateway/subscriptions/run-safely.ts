/**
 * Runs an operation for a streaming transport so that a fault while starting it becomes the
 * operation's own coded error (INTERNAL_SERVER_ERROR, no internals), never a thrown error the
 * transport library would turn into a closed connection carrying the fault's message.
 */
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { internalError } from '../errors.js';
import type { StreamingOperations } from './streaming-operations.js';

export async function runSafely(
  operations: StreamingOperations,
  args: ExecutionArgs,
  logger: { error(object: object, message: string): void },
): Promise<ExecutionResult | AsyncIterableIterator<ExecutionResult>> {
  try {
    return await operations.run(args);
  } catch (error) {
    logger.error({ err: error }, 'a streaming operation failed to start');
    return { errors: [internalError()] };
  }
}
