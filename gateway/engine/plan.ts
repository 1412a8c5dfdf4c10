/**
 * The plan our executor runs, and how the two planners' plans become it: Apollo's
 * (`@apollo/query-planner`) and Hive's (`@graphql-hive/router-query-planner`, which adds
 * `BatchFetch`: the entity fetches of one stage to one subgraph merged into one request, each
 * under an alias with its own representations). Converted once per plan, when it is cached, so the
 * executor reads one format and never re-parses a path.
 */
import type { PlanNode as ApolloPlanNode, FetchDataRewrite, QueryPlanSelectionNode, SubscriptionNode as ApolloSubscriptionNode } from '@apollo/query-planner';

/** The planners the engine can plan with (`GATEWAY_PLANNER`). */
export const PLANNERS = ['hive', 'apollo'] as const;
export type PlannerKind = (typeof PLANNERS)[number];

/** A field, a list level (`'@'`), or the object types an object must be of to go on. */
export type PathSegment = string | { types: readonly string[] };

export type Selection =
  | { kind: 'Field'; name: string; alias?: string | undefined; selections?: Selection[] | undefined }
  | { kind: 'InlineFragment'; typeCondition?: string | undefined; selections: Selection[]; skipIf?: string | undefined; includeIf?: string | undefined };

export type Rewrite =
  | { kind: 'ValueSetter'; path: PathSegment[]; setValueTo: unknown }
  | { kind: 'KeyRenamer'; path: PathSegment[]; renameKeyTo: string };

/** What an entity fetch needs to build its representations and place its answers. */
export interface EntityRequirements {
  requires: Selection[];
  inputRewrites?: Rewrite[] | undefined;
  outputRewrites?: Rewrite[] | undefined;
}

export interface FetchNode extends Partial<EntityRequirements> {
  kind: 'Fetch';
  /** query, mutation or subscription: only a query's fetch is ever retried. */
  operationKind: OperationKind;
  serviceName: string;
  operation: string;
  operationName?: string | undefined;
  variableUsages?: readonly string[] | undefined;
}

export interface BatchAlias extends EntityRequirements {
  /** The response key of this alias's `_entities` in the answer. */
  alias: string;
  /** The variable its representations go in. */
  variable: string;
  /** Where its entities are, from the root of the response. */
  paths: PathSegment[][];
}

export interface BatchFetchNode {
  kind: 'BatchFetch';
  /** query, mutation or subscription: only a query's fetch is ever retried. */
  operationKind: OperationKind;
  serviceName: string;
  operation: string;
  operationName?: string | undefined;
  variableUsages?: readonly string[] | undefined;
  aliases: BatchAlias[];
}

export type PlanNode =
  | FetchNode
  | BatchFetchNode
  | { kind: 'Sequence'; nodes: PlanNode[] }
  | { kind: 'Parallel'; nodes: PlanNode[] }
  | { kind: 'Flatten'; path: PathSegment[]; node: PlanNode }
  | { kind: 'Condition'; condition: string; ifClause?: PlanNode | undefined; elseClause?: PlanNode | undefined }
  | { kind: 'Defer'; nodes: PlanNode[] };

export type OperationKind = 'query' | 'mutation' | 'subscription';

/** The kind of a subgraph operation: as the planner says, else as its text starts (a bare selection set is a query). */
export function operationKindOf(operation: string, given: unknown): OperationKind {
  if (given === 'query' || given === 'mutation' || given === 'subscription') return given;
  const match = /^\s*(query|mutation|subscription)\b/.exec(operation);
  return (match?.[1] as OperationKind | undefined) ?? 'query';
}

/** The plan cannot be run (a node or requirement kind we do not know): plan with the other planner. */
export class UnsupportedPlanError extends Error {}

/**
 * A subscription's plan: `primary` streams the root field from its subgraph; `rest` completes each
 * event from the other subgraphs (run with the event standing in for the primary fetch's answer).
 */
export interface SubscriptionPlan {
  primary: FetchNode;
  rest: PlanNode | undefined;
}

/** What Apollo's planner answers at the root of a plan. */
export type ApolloRootNode = ApolloPlanNode | ApolloSubscriptionNode;

/** Apollo plans a subscription as `Subscription { primary, rest }`. */
export function subscriptionFromApolloPlan(node: ApolloRootNode | undefined): SubscriptionPlan {
  if (node?.kind !== 'Subscription') throw new UnsupportedPlanError(`Expected a subscription plan, got ${node?.kind ?? 'an empty plan'}`);
  return { primary: fromApolloPlan(node.primary) as FetchNode, rest: node.rest && fromApolloPlan(node.rest) };
}

/** Hive plans a subscription as `Sequence [Subscription { primary }, ...rest]` (or the `Subscription` alone). */
function hiveSubscriptionParts(node: HiveNode | undefined): HiveNode[] {
  return node?.kind === 'Sequence' ? (node.nodes as HiveNode[]) : node ? [node] : [];
}

export function isHiveSubscriptionPlan(node: HiveNode | undefined): boolean {
  return hiveSubscriptionParts(node)[0]?.kind === 'Subscription';
}

export function subscriptionFromHivePlan(node: HiveNode | undefined): SubscriptionPlan {
  const [head, ...rest] = hiveSubscriptionParts(node);
  if (head?.kind !== 'Subscription') throw new UnsupportedPlanError(`Expected a subscription plan, got ${node?.kind ?? 'an empty plan'}`);
  const primary = head.primary as HiveNode;
  if (head.rest) rest.unshift(head.rest as HiveNode);
  const restNode = rest.length === 0 ? undefined : rest.length === 1 ? fromHivePlan(rest[0]!) : fromHivePlan({ kind: 'Sequence', nodes: rest });
  return { primary: { kind: 'Fetch', ...hiveRequest(primary) }, rest: restNode };
}

// --- Apollo's format ---

export function fromApolloPlan(node: ApolloPlanNode): PlanNode {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return { kind: node.kind, nodes: node.nodes.map(fromApolloPlan) };
    case 'Flatten':
      return { kind: 'Flatten', path: node.path.map((segment) => (segment === '@' ? '@' : String(segment))), node: fromApolloPlan(node.node) };
    case 'Fetch':
      return {
        kind: 'Fetch',
        serviceName: node.serviceName,
        operation: node.operation,
        operationKind: operationKindOf(node.operation, node.operationKind),
        operationName: node.operationName,
        variableUsages: node.variableUsages,
        ...(node.requires ? { requires: node.requires.map(fromApolloSelection) } : {}),
        inputRewrites: node.inputRewrites?.map(fromApolloRewrite),
        outputRewrites: node.outputRewrites?.map(fromApolloRewrite),
      };
    case 'Condition':
      return {
        kind: 'Condition',
        condition: node.condition,
        ifClause: node.ifClause && fromApolloPlan(node.ifClause),
        elseClause: node.elseClause && fromApolloPlan(node.elseClause),
      };
    case 'Defer':
      return { kind: 'Defer', nodes: [node.primary.node, ...node.deferred.map((deferred) => deferred.node)].filter((child) => child !== undefined).map(fromApolloPlan) };
  }
}

function fromApolloSelection(selection: QueryPlanSelectionNode): Selection {
  return selection.kind === 'Field'
    ? { kind: 'Field', name: selection.name, alias: selection.alias, selections: selection.selections?.map(fromApolloSelection) }
    : { kind: 'InlineFragment', typeCondition: selection.typeCondition, selections: selection.selections.map(fromApolloSelection) };
}

const FRAGMENT_PREFIX = '... on ';

function fromApolloRewrite(rewrite: FetchDataRewrite): Rewrite {
  const path = rewrite.path.map((element): PathSegment => (element.startsWith(FRAGMENT_PREFIX) ? { types: [element.slice(FRAGMENT_PREFIX.length)] } : element));
  return rewrite.kind === 'ValueSetter' ? { kind: 'ValueSetter', path, setValueTo: rewrite.setValueTo } : { kind: 'KeyRenamer', path, renameKeyTo: rewrite.renameKeyTo };
}

// --- Hive's format (see @graphql-hive/router-query-planner's index.d.ts) ---

type HivePathSegment = { Field: string } | { TypeCondition: string[] } | '@';
type HiveRewritePathSegment = { Key: string } | { TypenameEquals: string[] };
type HiveRewrite = Record<string, unknown>;
type HiveSelection = Record<string, unknown>;
export type HiveNode = Record<string, unknown> & { kind: string };

export function fromHivePlan(node: HiveNode): PlanNode {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return { kind: node.kind, nodes: (node.nodes as HiveNode[]).map(fromHivePlan) };
    case 'Flatten':
      return { kind: 'Flatten', path: (node.path as HivePathSegment[]).map(fromHivePath), node: fromHivePlan(node.node as HiveNode) };
    case 'Fetch':
      return {
        kind: 'Fetch',
        ...hiveRequest(node),
        ...(node.requires ? { requires: (node.requires as HiveSelection[]).map(fromHiveSelection) } : {}),
        inputRewrites: (node.inputRewrites as HiveRewrite[] | undefined)?.map(fromHiveRewrite),
        outputRewrites: (node.outputRewrites as HiveRewrite[] | undefined)?.map(fromHiveRewrite),
      };
    case 'BatchFetch': {
      const batch = node.entityBatch as { aliases: Record<string, unknown>[] };
      return {
        kind: 'BatchFetch',
        ...hiveRequest(node),
        aliases: batch.aliases.map((alias) => ({
          alias: alias.alias as string,
          variable: alias.representationsVariableName as string,
          paths: (alias.paths as HivePathSegment[][]).map((path) => path.map(fromHivePath)),
          requires: (alias.requires as HiveSelection[]).map(fromHiveSelection),
          inputRewrites: (alias.inputRewrites as HiveRewrite[] | undefined)?.map(fromHiveRewrite),
          outputRewrites: (alias.outputRewrites as HiveRewrite[] | undefined)?.map(fromHiveRewrite),
        })),
      };
    }
    case 'Condition':
      return {
        kind: 'Condition',
        condition: node.condition as string,
        ifClause: node.ifClause ? fromHivePlan(node.ifClause as HiveNode) : undefined,
        elseClause: node.elseClause ? fromHivePlan(node.elseClause as HiveNode) : undefined,
      };
    case 'Defer': {
      const primary = node.primary as { node?: HiveNode };
      const deferred = node.deferred as { node?: HiveNode }[];
      return { kind: 'Defer', nodes: [primary.node, ...deferred.map((item) => item.node)].filter((child) => child !== undefined).map(fromHivePlan) };
    }
    default:
      throw new UnsupportedPlanError(`Plan node "${node.kind}" is not supported here`);
  }
}

/** What a Fetch and a BatchFetch both say about the request they send. */
function hiveRequest(node: HiveNode): Pick<FetchNode, 'serviceName' | 'operation' | 'operationKind' | 'operationName' | 'variableUsages'> {
  return {
    serviceName: node.serviceName as string,
    operation: node.operation as string,
    operationKind: operationKindOf(node.operation as string, node.operationKind),
    operationName: node.operationName as string | undefined,
    variableUsages: node.variableUsages as string[] | undefined,
  };
}

function fromHivePath(segment: HivePathSegment): PathSegment {
  if (segment === '@') return '@';
  if ('Field' in segment) return segment.Field;
  if ('TypeCondition' in segment) return { types: segment.TypeCondition };
  throw new UnsupportedPlanError(`Flatten path segment ${JSON.stringify(segment)} is not supported`);
}

function fromHiveSelection(selection: HiveSelection): Selection {
  if (selection.kind === 'Field') {
    return {
      kind: 'Field',
      name: selection.name as string,
      alias: selection.alias as string | undefined,
      selections: (selection.selections as HiveSelection[] | undefined)?.map(fromHiveSelection),
    };
  }
  if (selection.kind === 'InlineFragment') {
    return {
      kind: 'InlineFragment',
      typeCondition: selection.typeCondition as string | undefined,
      selections: (selection.selections as HiveSelection[]).map(fromHiveSelection),
      skipIf: selection.skipIf as string | undefined,
      includeIf: selection.includeIf as string | undefined,
    };
  }
  throw new UnsupportedPlanError(`Requirement kind "${String(selection.kind)}" is not supported`);
}

function fromHiveRewrite(rewrite: HiveRewrite): Rewrite {
  const body = (rewrite.ValueSetter ?? rewrite.KeyRenamer ?? rewrite) as { path: HiveRewritePathSegment[]; setValueTo?: unknown; renameKeyTo?: string };
  const path = body.path.map((segment): PathSegment => {
    if ('Key' in segment) return segment.Key;
    if ('TypenameEquals' in segment) return { types: segment.TypenameEquals };
    throw new UnsupportedPlanError(`Rewrite path segment ${JSON.stringify(segment)} is not supported`);
  });
  if (rewrite.KeyRenamer !== undefined) return { kind: 'KeyRenamer', path, renameKeyTo: body.renameKeyTo! };
  return { kind: 'ValueSetter', path, setValueTo: body.setValueTo };
}
