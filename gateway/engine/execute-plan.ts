/**
 * Runs a query plan (Apollo's plan format: Sequence, Parallel, Flatten, Fetch, Condition, Defer)
 * against the subgraphs and merges every answer in place into one response tree, keyed by the
 * subgraph operations' response names. Shaping that tree into the client's response is
 * shape-response.ts's job. Written after the plan semantics of Apollo's executeQueryPlan.ts and
 * Apollo Router's fetch.rs, with two differences that matter: an entity fetch sends each distinct
 * representation once (many list items often point at one entity), and a subgraph error on an
 * entity is re-pathed to every place in the response where that entity sits.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetchNode, PlanNode, ResponsePath } from '@apollo/query-planner';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors.js';
import { isResponseObject, mergeInPlace, ownValue, type ResponseObject } from './merge-in-place.js';
import { applyRewrites, representationOf } from './representations.js';
import type { TypeRelations } from './type-relations.js';

export interface PlanExecution {
  /** Data sources by subgraph name. */
  serviceMap: Readonly<Record<string, GraphQLDataSource>>;
  /** The variables as the client sent them: each fetch sends those it uses. */
  variables: Readonly<Record<string, unknown>> | undefined;
  /** The coerced variable values (defaults applied): what `Condition` nodes test. */
  variableValues: Readonly<Record<string, unknown>>;
  /** Handed to every data source as `context` (request id, principal, abort signal). */
  context: Record<string, unknown>;
  types: TypeRelations;
}

export interface PlanResult {
  data: ResponseObject;
  /** Errors of the fetches, at the client's paths. */
  errors: GraphQLError[];
}

interface Cursor {
  /** Where the cursor's objects sit, from the root (`'@'` for each list level). */
  path: ResponsePath;
  /** The non-null objects at `path`, in document order. */
  objects: ResponseObject[];
}

interface Run extends PlanExecution {
  root: ResponseObject;
  errors: GraphQLError[];
}

export async function executePlan(node: PlanNode | undefined, execution: PlanExecution, root: ResponseObject = {}): Promise<PlanResult> {
  const run: Run = { ...execution, root, errors: [] };
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
      for (const object of cursor.objects) collectAtPath(object, node.path, 0, objects);
      if (objects.length > 0) await executeNode(run, node.node, { path: [...cursor.path, ...node.path], objects });
      return;
    }
    case 'Fetch':
      try {
        await executeFetch(run, node, cursor);
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
      if (node.primary.node) await executeNode(run, node.primary.node, cursor);
      for (const deferred of node.deferred) if (deferred.node) await executeNode(run, deferred.node, cursor);
      return;
  }
}

/** Pushes the non-null objects at `path` under `value` (lists flattened, `'@'` or not). */
function collectAtPath(value: unknown, path: ResponsePath, index: number, into: ResponseObject[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    const next = path[index] === '@' ? index + 1 : index;
    for (const element of value) collectAtPath(element, path, next, into);
    return;
  }
  if (!isResponseObject(value)) return;
  if (index === path.length) {
    into.push(value);
    return;
  }
  const element = path[index]!;
  if (element === '@') collectAtPath(value, path, index + 1, into);
  else collectAtPath(ownValue(value, String(element)), path, index + 1, into);
}

/** The concrete response paths of the objects `collectAtPath` finds, in the same order. */
function pathsAtPath(value: unknown, path: ResponsePath, index: number, here: (string | number)[], into: (string | number)[][]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    const next = path[index] === '@' ? index + 1 : index;
    value.forEach((element, position) => {
      here.push(position);
      pathsAtPath(element, path, next, here, into);
      here.pop();
    });
    return;
  }
  if (!isResponseObject(value)) return;
  if (index === path.length) {
    into.push([...here]);
    return;
  }
  const element = path[index]!;
  if (element === '@') {
    pathsAtPath(value, path, index + 1, here, into);
    return;
  }
  here.push(element);
  pathsAtPath(ownValue(value, String(element)), path, index + 1, here, into);
  here.pop();
}

async function executeFetch(run: Run, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const service = run.serviceMap[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const variables: Record<string, unknown> = {};
  if (fetch.variableUsages && run.variables) {
    for (const name of fetch.variableUsages) {
      const value = ownValue(run.variables as ResponseObject, name);
      if (value !== undefined) variables[name] = value;
    }
  }
  const objects = cursor.objects;

  if (!fetch.requires) {
    const response = await send(service, fetch, variables, run.context, cursor.path);
    if (response.errors) recordErrors(run, fetch, response.errors, (path) => [path ? [...concretePrefix(run, cursor), ...path] : undefined]);
    const data = response.data;
    if (!isResponseObject(data)) return;
    applyRewrites(data, fetch.outputRewrites, run.types);
    for (const object of objects) mergeInPlace(object, data);
    return;
  }

  // One representation per distinct entity; each remembers the objects it stands for.
  const representations: ResponseObject[] = [];
  const objectsOf: number[][] = [];
  const indexOf = new Map<string, number>();
  for (let index = 0; index < objects.length; index++) {
    const representation = representationOf(objects[index]!, fetch.requires, run.types);
    if (!representation || typeof representation.__typename !== 'string') continue;
    applyRewrites(representation, fetch.inputRewrites, run.types);
    const key = JSON.stringify(representation);
    const known = indexOf.get(key);
    if (known === undefined) {
      indexOf.set(key, representations.length);
      representations.push(representation);
      objectsOf.push([index]);
    } else {
      objectsOf[known]!.push(index);
    }
  }
  if (representations.length === 0) return;
  if ('representations' in variables) throw new Error('Variables cannot contain key "representations"');
  const response = await send(service, fetch, { ...variables, representations }, run.context, cursor.path);

  if (response.errors) {
    let objectPaths: (string | number)[][] | undefined;
    recordErrors(run, fetch, response.errors, (path) => {
      if (!path) return [undefined];
      const at = path[1];
      if (path[0] !== '_entities' || typeof at !== 'number') return [[...cursor.path.filter((part) => part !== '@'), ...path]];
      objectPaths ??= concretePaths(run, cursor);
      return (objectsOf[at] ?? []).map((object) => [...(objectPaths![object] ?? []), ...path.slice(2)]);
    });
  }
  const data = response.data;
  if (!isResponseObject(data)) return;
  const received = data._entities;
  if (!Array.isArray(received) || received.length !== representations.length) {
    throw new GraphQLError(`Subgraph "${fetch.serviceName}" sent ${Array.isArray(received) ? received.length : 'no'} entities for ${representations.length} representations`, {
      extensions: { code: ErrorCode.SubgraphBadResponse, serviceName: fetch.serviceName },
    });
  }
  for (let index = 0; index < received.length; index++) {
    const entity = received[index];
    if (!isResponseObject(entity)) continue;
    const targets = objectsOf[index]!;
    if (entity.__typename === undefined) entity.__typename = objects[targets[0]!]!.__typename;
    applyRewrites(entity, fetch.outputRewrites, run.types);
    for (const target of targets) mergeInPlace(objects[target]!, entity);
  }
}

function concretePaths(run: Run, cursor: Cursor): (string | number)[][] {
  const paths: (string | number)[][] = [];
  pathsAtPath(run.root, cursor.path, 0, [], paths);
  return paths;
}

/** Where a fetch without representations (a root fetch) puts its answer. */
function concretePrefix(run: Run, cursor: Cursor): (string | number)[] {
  return cursor.path.length === 0 ? [] : (concretePaths(run, cursor)[0] ?? []);
}

type SubgraphAnswer = Awaited<ReturnType<GraphQLDataSource['process']>>;

function send(service: GraphQLDataSource, fetch: FetchNode, variables: Record<string, unknown>, context: Record<string, unknown>, path: ResponsePath): Promise<SubgraphAnswer> {
  // The data sources read request, context and document; the rest of Apollo's options are not ours to fill.
  const options = {
    kind: 'incoming operation',
    request: { query: fetch.operation, variables, ...(fetch.operationName === undefined ? {} : { operationName: fetch.operationName }) },
    context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: path,
  } as unknown as GraphQLDataSourceProcessOptions;
  return service.process(options);
}

/**
 * A subgraph's errors as the client sees them: at the client's path (`toPath` maps the subgraph
 * operation's path, one error per place an entity sits), the subgraph named, and a code.
 */
function recordErrors(
  run: Run,
  fetch: FetchNode,
  errors: readonly GraphQLFormattedError[],
  toPath: (path: readonly (string | number)[] | undefined) => ((string | number)[] | undefined)[],
): void {
  for (const error of errors) {
    const message = error.message || `Error while fetching subquery from service "${fetch.serviceName}"`;
    const extensions = { ...error.extensions, serviceName: fetch.serviceName, code: error.extensions?.code ?? ErrorCode.DownstreamServiceError };
    for (const path of toPath(error.path)) run.errors.push(new GraphQLError(message, { ...(path ? { path } : {}), extensions }));
  }
}
