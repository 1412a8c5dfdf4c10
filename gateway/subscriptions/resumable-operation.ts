/**
 * Makes the primary fetch of a subscription resumable. A root field is resumable when it takes an
 * `after: Int` cursor and its events carry `sequence: Int!` (our ledgers' contract, see
 * subgraphs/inventory/EVENTS.md and subgraphs/promotions/PRICES.md). The gateway then always asks for the sequence and owns the
 * cursor, so after an upstream drop it resubscribes from the last sequence it saw.
 */
import {
  Kind,
  getNamedType,
  isObjectType,
  parse,
  print,
  valueFromAST,
  OperationTypeNode,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type NamedTypeNode,
  type TypeNode,
  type VariableDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';

const CURSOR_VARIABLE = '__resumeAfter';
export const CURSOR_ALIAS = '__resumeSequence';

/**
 * For a resumable field, the root query field of the same subgraph that tells its last sequence.
 * A subscription that came without a cursor starts from it, so a drop even before the first event
 * resumes without a gap (subgraphs/inventory/EVENTS.md).
 */
const HEAD_FIELDS: Readonly<Record<string, string>> = {
  stockChanged: 'stockLedgerHead',
  // Reservation changes are the stock ledger's reservation movements: they share its sequence.
  reservationChanged: 'stockLedgerHead',
  priceChanged: 'priceLedgerHead',
};

/**
 * For a resumable field, the root query field of the same subgraph that reads its history by pages:
 * how each subscriber of a shared stream catches up from its own cursor while the stream goes on
 * live. The history query is the subscription's own root field renamed, with every argument the
 * client gave, the cursor as `after` and PAGE_SIZE_VARIABLE as `first`: so the history field takes
 * the subscription field's arguments under the same names (`after` as `Int!`), plus `first: Int`,
 * and returns a list of the subscription's event type.
 */
const HISTORY_FIELDS: Readonly<Record<string, string>> = {
  stockChanged: 'stockChanges',
  reservationChanged: 'reservationChanges',
  priceChanged: 'priceChanges',
};

/** The query field that reads the history of subscription field `field` by pages, if it has one. */
export function historyFieldOf(field: string): string | undefined {
  return Object.hasOwn(HISTORY_FIELDS, field) ? HISTORY_FIELDS[field] : undefined;
}

/** The page size variable of a history query. */
export const PAGE_SIZE_VARIABLE = '__pageSize';

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
        /**
         * The same selection as a query on the subgraph's history field, when it has one: variables
         * are the stream's, with the cursor variable set to the page's start and PAGE_SIZE_VARIABLE.
         * Its answer is `data[responseKey]`, a list of events in sequence order.
         */
        historyQuery: string | undefined;
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
  const shape = shapeOf(apiSchema, fetchOperation);
  if (!shape.resume) return { query: shape.query, variables, resume: undefined };
  const { initialCursorOf, ...resume } = shape.resume;
  return { query: shape.query, variables, resume: { ...resume, initialCursor: initialCursorOf(variables) } };
}

/** What an upstream operation is, whoever subscribes: everything but the variables and the cursor they give. */
interface OperationShape {
  query: string;
  resume: (Omit<NonNullable<UpstreamOperation['resume']>, 'initialCursor'> & { initialCursorOf(variables: Record<string, unknown>): number | null }) | undefined;
}

/**
 * Shapes by schema and fetch operation: every subscriber of a planned subscription shares its
 * shape, so thousands joining at once (agents reconnecting after a restart) parse and print it once.
 */
const shapes = new WeakMap<GraphQLSchema, LRUCache<string, OperationShape>>();

function shapeOf(apiSchema: GraphQLSchema, fetchOperation: string): OperationShape {
  let bySchema = shapes.get(apiSchema);
  if (!bySchema) {
    bySchema = new LRUCache<string, OperationShape>({ max: 500 });
    shapes.set(apiSchema, bySchema);
  }
  let shape = bySchema.get(fetchOperation);
  if (!shape) {
    shape = buildShape(apiSchema, fetchOperation);
    bySchema.set(fetchOperation, shape);
  }
  return shape;
}

function buildShape(apiSchema: GraphQLSchema, fetchOperation: string): OperationShape {
  const document = parse(fetchOperation);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const root = operation?.selectionSet.selections[0];
  const subscriptionType = apiSchema.getSubscriptionType();
  if (!operation || root?.kind !== Kind.FIELD || operation.selectionSet.selections.length !== 1 || !subscriptionType) {
    return { query: fetchOperation, resume: undefined };
  }
  const field = subscriptionType.getFields()[root.name.value];
  const eventType = field ? getNamedType(field.type) : undefined;
  const afterArgument = field?.args.find((a) => a.name === 'after');
  const resumable =
    afterArgument !== undefined &&
    getNamedType(afterArgument.type).name === 'Int' &&
    isObjectType(eventType) &&
    eventType.getFields().sequence !== undefined;
  if (!resumable || !root.selectionSet) return { query: fetchOperation, resume: undefined };

  const given = root.arguments?.find((a) => a.name.value === 'after');
  const cursorField: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: CURSOR_ALIAS },
    name: { kind: Kind.NAME, value: 'sequence' },
  };
  const responseKey = root.alias?.value ?? root.name.value;
  const headField = Object.hasOwn(HEAD_FIELDS, root.name.value) ? HEAD_FIELDS[root.name.value] : undefined;
  const headQuery = headField === undefined ? undefined : `{ head: ${headField} }`;
  const withCursorField: FieldNode = {
    ...root,
    selectionSet: { ...root.selectionSet, selections: [...root.selectionSet.selections, cursorField] },
  };
  // The client's own `$after` variable becomes the cursor; a literal (or no) `after` is replaced by ours.
  let rewritten: OperationDefinitionNode;
  let cursorVariable: string;
  let initialCursorOf: (variables: Record<string, unknown>) => number | null;
  if (given?.value.kind === Kind.VARIABLE) {
    const name = given.value.name.value;
    cursorVariable = name;
    initialCursorOf = (variables) => (variables[name] as number | null | undefined) ?? null;
    rewritten = { ...operation, selectionSet: { ...operation.selectionSet, selections: [withCursorField] } };
  } else {
    cursorVariable = CURSOR_VARIABLE;
    const literal = given?.value;
    initialCursorOf = (variables) => (literal ? ((valueFromAST(literal, afterArgument.type, variables) as number | null | undefined) ?? null) : null);
    const cursorArgument: ArgumentNode = {
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: 'after' },
      value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: CURSOR_VARIABLE } },
    };
    const rewrittenRoot: FieldNode = {
      ...withCursorField,
      arguments: [...(root.arguments ?? []).filter((a) => a.name.value !== 'after'), cursorArgument],
    };
    rewritten = {
      ...operation,
      variableDefinitions: [...(operation.variableDefinitions ?? []), variableDefinition(CURSOR_VARIABLE, namedType('Int'))],
      selectionSet: { ...operation.selectionSet, selections: [rewrittenRoot] },
    };
  }
  const withOperation = (replacement: OperationDefinitionNode): DocumentNode => ({
    ...document,
    definitions: document.definitions.map((d) => (d === operation ? replacement : d)),
  });
  const historyField = historyFieldOf(root.name.value);
  return {
    query: print(withOperation(rewritten)),
    resume: {
      responseKey,
      initialCursorOf,
      cursorVariable,
      headQuery,
      historyQuery: historyField === undefined ? undefined : print(withOperation(toHistoryQuery(rewritten, historyField, responseKey, cursorVariable))),
    },
  };
}

/**
 * The same selection, read from the subgraph's history field by pages: `query { <responseKey>:
 * <historyField>(<filters>, after: $cursor, first: $__pageSize) { ... } }`. Each row of its answer
 * is what the subscription would have sent for that change.
 */
function toHistoryQuery(subscription: OperationDefinitionNode, historyField: string, responseKey: string, cursorVariable: string): OperationDefinitionNode {
  const root = subscription.selectionSet.selections[0] as FieldNode;
  const pageSizeArgument: ArgumentNode = {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: 'first' },
    value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: PAGE_SIZE_VARIABLE } },
  };
  const historyRoot: FieldNode = {
    ...root,
    alias: { kind: Kind.NAME, value: responseKey },
    name: { kind: Kind.NAME, value: historyField },
    arguments: [...(root.arguments ?? []), pageSizeArgument],
  };
  return {
    ...subscription,
    operation: OperationTypeNode.QUERY,
    // The history field's cursor is required: a page always starts after a known sequence.
    variableDefinitions: [
      ...(subscription.variableDefinitions ?? []).map((definition) =>
        definition.variable.name.value === cursorVariable ? variableDefinition(cursorVariable, nonNull('Int')) : definition,
      ),
      variableDefinition(PAGE_SIZE_VARIABLE, nonNull('Int')),
    ],
    selectionSet: { ...subscription.selectionSet, selections: [historyRoot] },
  };
}

function namedType(name: string): NamedTypeNode {
  return { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: name } };
}

function nonNull(name: string): TypeNode {
  return { kind: Kind.NON_NULL_TYPE, type: namedType(name) };
}

function variableDefinition(name: string, type: TypeNode): VariableDefinitionNode {
  return { kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }, type };
}
