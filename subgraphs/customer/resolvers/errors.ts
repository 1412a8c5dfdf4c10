import { GraphQLError } from 'graphql';
import { InvalidArgumentError, USER_ERROR } from '../domain/errors.js';
import type { CustomerModel, CustomerProfile } from '../models.js';

/** Runs an argument parser, turning its InvalidArgumentError into a BAD_USER_INPUT GraphQL error. */
export function readArguments<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidArgumentError) {
      throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', argumentName: error.argument } });
    }
    throw error;
  }
}

/** The profile of a customer this subgraph knows; see CustomerModel for the ones it does not. */
export function profileOf(customer: CustomerModel): CustomerProfile {
  if (customer.profile) return customer.profile;
  throw new GraphQLError(`No customer has the id "${customer.id}".`, {
    extensions: { code: USER_ERROR.CUSTOMER_NOT_FOUND },
  });
}
