/**
 * Runs a query plan (plan.ts: Sequence, Parallel, Flatten, Fetch, BatchFetch, Condition, Defer)
 * against the subgraphs and merges every answer in place into one response tree, keyed by the
 * subgraph operations' response names. Shaping that tree into the client's response is
 * shape-response.ts's job. Written after the plan semantics of Apollo's executeQueryPlan.ts and
 * Hive Router's plan executor, with two differences that matter: an entity fetch sends each
 * distinct representation once (many list items often point at one entity), and a subgraph error
 * on an entity is re-pathed to every place in the response where that entity sits.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors.js';
import { inSpan, tracingEnabled } from '../../platform/tracing.js';
import { isResponseObject, mergeInPlace, ownValue, type ResponseObject } from './merge-in-place.js';
import type { BatchFetchNode, EntityRequirements, FetchNode, PathSegment, PlanNode } from './plan.js';
import { applyRewrites, representationOf, type RequirementContext } from './representations.js';
import { DistinctRepresentations } from './distinct-representations.js';
import type { FetchCache } from './fetch-cache.js';
import { fetchEntitiesThroughCache, fetchRootThroughCache, type EntityPart, type SubgraphAnswer } from './fetch-through-cache.js';
import type { TypeRelations } from './type-relations.js';

export interface PlanExecution {
  /** Data sources by subgraph name. */
  serviceMap: Readonly<Record<string, GraphQLDataSource>>;
  /** The variables as the client sent them: each fetch sends those it uses. */
  variables: Readonly<Record<string, unknown>> | undefined;
  /** The coerced variable values (defaults applied): what `Condition` nodes and requirements test. */
  variableValues: Readonly<Record<string, unknown>>;
  /** Handed to every data source as `context` (request id, principal, abort signal). */
  context: Record<string, unknown>;
  types: TypeRelations;
  /**
   * Where query fetches look their entries up first (gateway/cache/CACHE.md); only the misses are
   * sent. Absent, every fetch goes to its subgraph. Give it for query operations only.
   */
  cache?: FetchCache | undefined;
}

export interface PlanResult {
  data: ResponseObject;
  /** Errors of the fetches, at the client's paths. */
  errors: GraphQLError[];
}

interface Cursor {
  /** Where the cursor's objects sit, from the root (`'@'` for each list level). */
  path: PathSegment[];
  /** The non-null objects at `path`, in document order. */
  objects: ResponseObject[];
}

interface Run extends PlanExecution {
  root: ResponseObject;
  errors: GraphQLError[];
  requirements: RequirementContext;
}

type ConcretePath = (string | number)[];

export async function executePlan(node: PlanNode | undefined, execution: PlanExecution, root: ResponseObject = {}): Promise<PlanResult> {
  const run: Run = { ...execution, root, errors: [], requirements: { types: execution.types, variableValues: execution.variableValues } };
  if (node) await executeNode(run, node, { path: [], objects: [root] });
  return { data: root, errors: run.errors };
}

async function executeNode(run: Run, node: PlanNode, cursor: Cursor): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(run, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(run, child, cursor)));
      return;
    case 'Flatten': {
      const objects: ResponseObject[] = [];
      for (const object of cursor.objects) collectAtPath(run.types, object, node.path, 0, objects);
      if (objects.length > 0) await executeNode(run, node.node, { path: [...cursor.path, ...node.path], objects });
      return;
    }
    case 'Fetch':
    case 'BatchFetch':
      try {
        const step = () => (node.kind === 'Fetch' ? executeFetch(run, node, cursor) : executeBatchFetch(run, node));
        // With tracing on, each step is a span (representations, the subgraph fetch, the merge).
        await (tracingEnabled() ? inSpan('omnichannel-gateway', `${node.kind} ${node.serviceName}`, { attributes: { 'omnichannel.subgraph': node.serviceName, 'omnichannel.plan.node': node.kind } }, step) : step());
      } catch (error) {
        run.errors.push(error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined }));
      }
      return;
    case 'Condition': {
      const branch = run.variableValues[node.condition] === true ? node.ifClause : node.elseClause;
      if (branch) await executeNode(run, branch, cursor);
      return;
    }
    case 'Defer':
      // No incremental delivery yet: the deferred parts are answered inline, after the primary part.
      for (const child of node.nodes) await executeNode(run, child, cursor);
      return;
  }
}

/** Whether an object goes on past a type segment (one that does not say its type does). */
function isOfTypes(types: TypeRelations, object: ResponseObject, names: readonly string[]): boolean {
  const typename = object.__typename;
  if (typename === undefined) return true;
  return typeof typename === 'string' && names.some((name) => types.isSubtype(typename, name));
}

/** Pushes the non-null objects at `path` under `value` (lists flattened, `'@'` or not). */
function collectAtPath(types: TypeRelations, value: unknown, path: readonly PathSegment[], index: number, into: ResponseObject[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    const next = path[index] === '@' ? index + 1 : index;
    for (const element of value) collectAtPath(types, element, path, next, into);
    return;
  }
  if (!isResponseObject(value)) return;
  if (index === path.length) {
    into.push(value);
    return;
  }
  const segment = path[index]!;
  if (segment === '@') collectAtPath(types, value, path, index + 1, into);
  else if (typeof segment === 'string') collectAtPath(types, ownValue(value, segment), path, index + 1, into);
  else if (isOfTypes(types, value, segment.types)) collectAtPath(types, value, path, index + 1, into);
}

/** The concrete response paths of the objects `collectAtPath` finds, in the same order. */
function pathsAtPath(types: TypeRelations, value: unknown, path: readonly PathSegment[], index: number, here: ConcretePath, into: ConcretePath[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    const next = path[index] === '@' ? index + 1 : index;
    value.forEach((element, position) => {
      here.push(position);
      pathsAtPath(types, element, path, next, here, into);
      here.pop();
    });
    return;
  }
  if (!isResponseObject(value)) return;
  if (index === path.length) {
    into.push([...here]);
    return;
  }
  const segment = path[index]!;
  if (segment === '@') {
    pathsAtPath(types, value, path, index + 1, here, into);
  } else if (typeof segment === 'string') {
    here.push(segment);
    pathsAtPath(types, ownValue(value, segment), path, index + 1, here, into);
    here.pop();
  } else if (isOfTypes(types, value, segment.types)) {
    pathsAtPath(types, value, path, index + 1, here, into);
  }
}

/**
 * The variables a fetch uses, as the client sent them; one it left out goes with its default (as
 * Apollo Router sends it; stock @apollo/gateway leaves it out, and a subgraph then reads
 * `@skip(if: $v)` without the value the client's operation gave it).
 */
function variablesFor(run: Run, usages: readonly string[] | undefined): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  if (usages) {
    for (const name of usages) {
      let value = run.variables ? ownValue(run.variables as ResponseObject, name) : undefined;
      if (value === undefined) value = ownValue(run.variableValues as ResponseObject, name);
      if (value !== undefined) variables[name] = value;
    }
  }
  return variables;
}

/** The distinct representations of some objects, each remembering the objects it stands for. */
interface EntityBatch {
  objects: ResponseObject[];
  representations: ResponseObject[];
  objectsOf: number[][];
}

function batchEntities(run: Run, objects: ResponseObject[], requirements: EntityRequirements): EntityBatch {
  const distinct = new DistinctRepresentations();
  const objectsOf: number[][] = [];
  for (let index = 0; index < objects.length; index++) {
    const representation = representationOf(objects[index]!, requirements.requires, run.requirements);
    if (!representation || typeof representation.__typename !== 'string') continue;
    applyRewrites(representation, requirements.inputRewrites, run.types);
    const position = distinct.positionOf(representation);
    if (position === objectsOf.length) objectsOf.push([index]);
    else objectsOf[position]!.push(index);
  }
  return { objects, representations: distinct.list, objectsOf };
}

/** Merges an `_entities` answer into the objects each representation stands for. */
function mergeEntities(serviceName: string, batch: EntityBatch, received: unknown, requirements: EntityRequirements, types: TypeRelations): void {
  if (!Array.isArray(received) || received.length !== batch.representations.length) {
    throw new GraphQLError(`Subgraph "${serviceName}" sent ${Array.isArray(received) ? received.length : 'no'} entities for ${batch.representations.length} representations`, {
      extensions: { code: ErrorCode.SubgraphBadResponse, serviceName },
    });
  }
  for (let index = 0; index < received.length; index++) {
    const entity = received[index];
    if (!isResponseObject(entity)) continue;
    const targets = batch.objectsOf[index]!;
    if (entity.__typename === undefined) entity.__typename = batch.objects[targets[0]!]!.__typename;
    applyRewrites(entity, requirements.outputRewrites, types);
    for (const target of targets) mergeInPlace(batch.objects[target]!, entity);
  }
}

/** The client's paths of an entity error at `[<field>, i, ...rest]`: one per object entity i stands for. */
function entityErrorPaths(batch: EntityBatch, objectPaths: () => ConcretePath[], path: readonly (string | number)[]): ConcretePath[] {
  const at = path[1];
  if (typeof at !== 'number') return [];
  const paths = objectPaths();
  return (batch.objectsOf[at] ?? []).map((object) => [...(paths[object] ?? []), ...path.slice(2)]);
}

async function executeFetch(run: Run, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const service = serviceOf(run, fetch.serviceName);
  const variables = variablesFor(run, fetch.variableUsages);

  if (!fetch.requires) {
    const cache = cacheFor(run, fetch);
    const response = cache
      ? await fetchRootThroughCache({ cache, subgraph: fetch.serviceName, operation: fetch.operation, variables, context: run.context }, (all) => send(service, fetch, all, run.context))
      : await send(service, fetch, variables, run.context);
    if (response.errors) recordErrors(run, fetch.serviceName, response.errors, (path) => [path ? [...concretePrefix(run, cursor), ...path] : undefined]);
    const data = response.data;
    if (!isResponseObject(data)) return;
    applyRewrites(data, fetch.outputRewrites, run.types);
    for (const object of cursor.objects) mergeInPlace(object, data);
    return;
  }

  const requirements = fetch as EntityRequirements & FetchNode;
  const batch = batchEntities(run, cursor.objects, requirements);
  if (batch.representations.length === 0) return;
  if ('representations' in variables) throw new Error('Variables cannot contain key "representations"');
  const response = await sendEntities(run, service, fetch, variables, [{ variable: 'representations', field: '_entities', representations: batch.representations }]);
  if (response.errors) {
    let objectPaths: ConcretePath[] | undefined;
    const pathsOfObjects = () => (objectPaths ??= concretePaths(run, cursor.path));
    recordErrors(run, fetch.serviceName, response.errors, (path) => {
      if (!path) return [undefined];
      if (path[0] !== '_entities') return [[...cursor.path.filter((part): part is string => typeof part === 'string' && part !== '@'), ...path]];
      return entityErrorPaths(batch, pathsOfObjects, path);
    });
  }
  const data = response.data;
  if (!isResponseObject(data)) return;
  mergeEntities(fetch.serviceName, batch, data._entities, requirements, run.types);
}

/** One request for the entity fetches of a stage to one subgraph, each alias with its representations. */
async function executeBatchFetch(run: Run, fetch: BatchFetchNode): Promise<void> {
  const service = serviceOf(run, fetch.serviceName);
  const variables = variablesFor(run, fetch.variableUsages);
  const batches = fetch.aliases.map((alias) => {
    const objects: ResponseObject[] = [];
    for (const path of alias.paths) collectAtPath(run.types, run.root, path, 0, objects);
    return batchEntities(run, objects, alias);
  });
  if (batches.every((batch) => batch.representations.length === 0)) return;
  const parts = fetch.aliases.map((alias, index) => ({ variable: alias.variable, field: alias.alias, representations: batches[index]!.representations }));
  const response = await sendEntities(run, service, fetch, variables, parts);
  if (response.errors) {
    const objectPaths = new Map<number, ConcretePath[]>();
    recordErrors(run, fetch.serviceName, response.errors, (path) => {
      if (!path) return [undefined];
      const index = fetch.aliases.findIndex((alias) => alias.alias === path[0]);
      if (index < 0) return [[...path]];
      const pathsOfObjects = () => {
        let known = objectPaths.get(index);
        if (!known) {
          known = [];
          for (const aliasPath of fetch.aliases[index]!.paths) pathsAtPath(run.types, run.root, aliasPath, 0, [], known);
          objectPaths.set(index, known);
        }
        return known;
      };
      return entityErrorPaths(batches[index]!, pathsOfObjects, path);
    });
  }
  const data = response.data;
  if (!isResponseObject(data)) return;
  fetch.aliases.forEach((alias, index) => {
    const batch = batches[index]!;
    if (batch.representations.length > 0 || Array.isArray(data[alias.alias])) mergeEntities(fetch.serviceName, batch, data[alias.alias] ?? [], alias, run.types);
  });
}

function serviceOf(run: Run, name: string): GraphQLDataSource {
  const service = run.serviceMap[name];
  if (!service) throw new Error(`Couldn't find service with name "${name}"`);
  return service;
}

function concretePaths(run: Run, path: readonly PathSegment[]): ConcretePath[] {
  const paths: ConcretePath[] = [];
  pathsAtPath(run.types, run.root, path, 0, [], paths);
  return paths;
}

/** Where a fetch without representations (a root fetch) puts its answer. */
function concretePrefix(run: Run, cursor: Cursor): ConcretePath {
  return cursor.path.length === 0 ? [] : (concretePaths(run, cursor.path)[0] ?? []);
}

/** The cache a fetch may use: a query's, when the run has one. */
function cacheFor(run: Run, fetch: FetchNode | BatchFetchNode): FetchCache | undefined {
  return fetch.operationKind === 'query' ? run.cache : undefined;
}

/** An entity fetch's request, each part's representations in its variable: through the cache when it may. */
function sendEntities(run: Run, service: GraphQLDataSource, fetch: FetchNode | BatchFetchNode, variables: Record<string, unknown>, parts: EntityPart[]): Promise<SubgraphAnswer> {
  const cache = cacheFor(run, fetch);
  if (cache) return fetchEntitiesThroughCache({ cache, subgraph: fetch.serviceName, operation: fetch.operation, variables, context: run.context }, parts, (all) => send(service, fetch, all, run.context));
  const all = { ...variables };
  for (const part of parts) all[part.variable] = part.representations;
  return send(service, fetch, all, run.context);
}

function send(service: GraphQLDataSource, fetch: FetchNode | BatchFetchNode, variables: Record<string, unknown>, context: Record<string, unknown>): Promise<SubgraphAnswer> {
  // The data sources read request and context; the rest of Apollo's options are not ours to fill.
  // operationKind: the upstream policy retries a fetch only when it knows it is a query (subgraph-retry.ts).
  const options = {
    kind: 'incoming operation',
    request: { query: fetch.operation, variables, ...(fetch.operationName === undefined ? {} : { operationName: fetch.operationName }) },
    context,
    operationKind: fetch.operationKind,
  } as unknown as GraphQLDataSourceProcessOptions;
  return service.process(options);
}

/**
 * A subgraph's errors as the client sees them: at the client's path (`toPath` maps the subgraph
 * operation's path, one error per place an entity sits), the subgraph named, and a code.
 */
function recordErrors(
  run: Run,
  serviceName: string,
  errors: readonly GraphQLFormattedError[],
  toPath: (path: readonly (string | number)[] | undefined) => (ConcretePath | undefined)[],
): void {
  for (const error of errors) {
    const message = error.message || `Error while fetching subquery from service "${serviceName}"`;
    const extensions = { ...error.extensions, serviceName, code: error.extensions?.code ?? ErrorCode.DownstreamServiceError };
    for (const path of toPath(error.path)) run.errors.push(new GraphQLError(message, { ...(path ? { path } : {}), extensions }));
  }
}
