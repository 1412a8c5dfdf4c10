/**
 * `@defer` until incremental delivery exists: the API schema declares the directive, so a client
 * that defers a fragment (Apollo Client, Relay) is not refused with "Unknown directive"; both
 * planners plan it (Hive's as `Defer` nodes, Apollo's as plain fragments), and the executor answers
 * the deferred parts inline, in the one response (execute-plan.ts) — what Apollo Router does for a
 * client that does not accept multipart responses.
 */
import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLNonNull, GraphQLSchema, GraphQLString } from 'graphql';

const DEFER = new GraphQLDirective({
  name: 'defer',
  description: 'Answered inline: the deferred fragment arrives in the one response with the rest.',
  locations: [DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
  args: {
    if: { type: new GraphQLNonNull(GraphQLBoolean), defaultValue: true },
    label: { type: GraphQLString },
  },
});

/** The API schema with `@defer` declared (the same schema when it already is). */
export function withDeferDirective(schema: GraphQLSchema): GraphQLSchema {
  if (schema.getDirective('defer')) return schema;
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, directives: [...config.directives, DEFER] });
}
