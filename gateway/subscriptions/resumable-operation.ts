/**
 * Makes the primary fetch of a subscription resumable. A root field is resumable when it takes an
 * `after: Int` cursor and its events carry `sequence: Int!` (our stock stream's contract, see
 * subgraphs/inventory/EVENTS.md). The gateway then always asks for the sequence and owns the
 * cursor, so after an upstream drop it resubscribes from the last sequence it saw.
 */
import {
  Kind,
  getNamedType,
  isObjectType,
  parse,
  print,
  valueFromAST,
  type ArgumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

const CURSOR_VARIABLE = '__resumeAfter';
export const CURSOR_ALIAS = '__resumeSequence';

/**
 * For a resumable field, the root query field of the same subgraph that tells its last sequence.
 * A subscription that came without a cursor starts from it, so a drop even before the first event
 * resumes without a gap (subgraphs/inventory/EVENTS.md).
 */
const HEAD_FIELDS: Readonly<Record<string, string>> = { stockChanged: 'stockLedgerHead' };

export interface UpstreamOperation {
  query: string;
  /** Variables the primary fetch uses, taken from the client's. */
  variables: Record<string, unknown>;
  /** Where the event's sequence sits in each upstream result (`data[field][CURSOR_ALIAS]`). */
  resume:
    | {
        responseKey: string;
        initialCursor: number | null;
        cursorVariable: string;
        /** The query whose `head` field is the subgraph's last sequence, when it has one. */
        headQuery: string | undefined;
      }
    | undefined;
}

export function prepareUpstreamOperation(
  apiSchema: GraphQLSchema,
  fetchOperation: string,
  variableUsages: readonly string[] | undefined,
  clientVariables: Readonly<Record<string, unknown>> | undefined,
): UpstreamOperation {
  const variables: Record<string, unknown> = {};
  for (const name of variableUsages ?? []) {
    if (clientVariables && name in clientVariables) variables[name] = clientVariables[name];
  }
  const document = parse(fetchOperation);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const root = operation?.selectionSet.selections[0];
  const subscriptionType = apiSchema.getSubscriptionType();
  if (!operation || root?.kind !== Kind.FIELD || operation.selectionSet.selections.length !== 1 || !subscriptionType) {
    return { query: fetchOperation, variables, resume: undefined };
  }
  const field = subscriptionType.getFields()[root.name.value];
  const eventType = field ? getNamedType(field.type) : undefined;
  const afterArgument = field?.args.find((a) => a.name === 'after');
  const resumable =
    afterArgument !== undefined &&
    getNamedType(afterArgument.type).name === 'Int' &&
    isObjectType(eventType) &&
    eventType.getFields().sequence !== undefined;
  if (!resumable || !root.selectionSet) return { query: fetchOperation, variables, resume: undefined };

  const given = root.arguments?.find((a) => a.name.value === 'after');
  const cursorField: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: CURSOR_ALIAS },
    name: { kind: Kind.NAME, value: 'sequence' },
  };
  const responseKey = root.alias?.value ?? root.name.value;
  const headField = HEAD_FIELDS[root.name.value];
  const headQuery = headField === undefined ? undefined : `{ head: ${headField} }`;
  const withCursorField: FieldNode = {
    ...root,
    selectionSet: { ...root.selectionSet, selections: [...root.selectionSet.selections, cursorField] },
  };
  // The client's own `$after` variable becomes the cursor; a literal (or no) `after` is replaced by ours.
  if (given?.value.kind === Kind.VARIABLE) {
    const cursorVariable = given.value.name.value;
    const initialCursor = (variables[cursorVariable] as number | null | undefined) ?? null;
    const rewritten: OperationDefinitionNode = { ...operation, selectionSet: { ...operation.selectionSet, selections: [withCursorField] } };
    return {
      query: print({ ...document, definitions: document.definitions.map((d) => (d === operation ? rewritten : d)) }),
      variables,
      resume: { responseKey, initialCursor, cursorVariable, headQuery },
    };
  }
  const initialCursor = given ? ((valueFromAST(given.value, afterArgument.type, variables) as number | null | undefined) ?? null) : null;
  const cursorArgument: ArgumentNode = {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: 'after' },
    value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: CURSOR_VARIABLE } },
  };
  const rewrittenRoot: FieldNode = {
    ...withCursorField,
    arguments: [...(root.arguments ?? []).filter((a) => a.name.value !== 'after'), cursorArgument],
  };
  const rewritten: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []),
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: CURSOR_VARIABLE } },
        type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Int' } },
      },
    ],
    selectionSet: { ...operation.selectionSet, selections: [rewrittenRoot] },
  };
  return {
    query: print({ ...document, definitions: document.definitions.map((d) => (d === operation ? rewritten : d)) }),
    variables,
    resume: { responseKey, initialCursor, cursorVariable: CURSOR_VARIABLE, headQuery },
  };
}
