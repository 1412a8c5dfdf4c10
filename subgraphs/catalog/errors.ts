import { GraphQLError } from 'graphql';
import { InvalidArgumentError } from './input-rules.js';

/** Runs an argument rule; a refused argument becomes a BAD_USER_INPUT GraphQL error naming it. */
export function checkArguments<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof InvalidArgumentError) {
      throw new GraphQLError(error.message, {
        extensions: { code: 'BAD_USER_INPUT', argument: error.argument },
      });
    }
    throw error;
  }
}
