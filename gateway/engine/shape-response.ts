/**
 * Shapes the merged response tree (subgraph answers, with keys and `__typename`s the plan needed)
 * into the client's response: only the fields the operation asks for, in its order and under its
 * aliases, `__typename` filled in, fragments applied by the object's actual type, `@skip`/`@include`
 * applied, leaf values checked against the API schema, and the spec's null propagation.
 *
 * The operation is compiled once (cached with its plan): for each selection and each concrete type
 * met at run time, the merged list of fields to write is collected once and reused by every
 * request, so a request only walks its data. The rules are those of @apollo/gateway's
 * resultShaping.ts and Apollo Router's response formatting, which the differential suite checks.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  execute,
  GraphQLError,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  GraphQLString,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode } from '../errors.js';
import { isResponseObject, ownValue, type ResponseObject } from './merge-in-place.js';
import { RawJson } from './raw-json.js';

type Path = (string | number)[];
type VariableValues = Readonly<Record<string, unknown>>;

const enum Written {
  /** The value was written. */
  Value,
  /** Nothing was written: the value is null. */
  Null,
  /** Nothing was written: the value is null, and an error already says why (no "Cannot return null" on top). */
  ExplainedNull,
  /** A null in a non-null place: nothing was written, and the parent becomes null in turn. */
  Bubble,
}

const enum FieldKind {
  Typename,
  Introspection,
  Value,
}

interface CollectedField {
  responseName: string;
  /** `"responseName":`, as written in the response... */
  key: string;
  /** ...after the object's `{` and after a `,`: one piece each, the text grows by one piece per key. */
  opening: string;
  following: string;
  kind: FieldKind;
  type: ValueType;
  /** The selections below a composite field, merged over every occurrence. */
  child: SelectionGroup | undefined;
  /** Every occurrence of the field, for introspection. */
  nodes: FieldNode[];
  /** `__proto__` and friends: read and written as own properties only. */
  guarded: boolean;
}

interface SelectionGroup {
  sets: SelectionSetNode[];
  /** Fields by concrete type name (and `@skip`/`@include` values, when the operation has any). */
  collected: Map<string, CollectedField[]>;
}

export interface ShapedResponse {
  /** The client's `data`, as JSON text. */
  data: RawJson | null;
  /** Where the subgraphs' values did not fit the schema (see {@link ErrorCode.InvalidGraphQL}). */
  errors: GraphQLError[];
}

export interface CompiledShape {
  /** Shapes in slices of about 5 ms: a large answer does not hold the event loop for its whole length. */
  shape(input: ResponseObject, variableValues: VariableValues): Promise<ShapedResponse>;
}

const MAX_COLLECTIONS_PER_GROUP = 256;

export function compileShape(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CompiledShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw new Error(`The schema has no ${operation.operation} type`);
  const conditionVariables = variablesOfConditions(document);
  const root: SelectionGroup = { sets: [operation.selectionSet], collected: new Map() };

  /** Whether a fragment on `condition` applies to an object of `type` (graphql-js decides subtypes). */
  const applies = (condition: string | undefined, type: GraphQLCompositeType): boolean => {
    if (condition === undefined || condition === type.name) return true;
    const conditionType = schema.getType(condition);
    return !!conditionType && isAbstractType(conditionType) && (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(conditionType, type);
  };

  const included = (directives: readonly DirectiveNode[] | undefined, variables: VariableValues): boolean => {
    if (!directives) return true;
    for (const directive of directives) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') continue;
      const argument = directive.arguments?.find((candidate) => candidate.name.value === 'if');
      if (!argument) continue;
      const value = argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : argument.value.kind === Kind.BOOLEAN ? argument.value.value : undefined;
      if (name === 'skip' && value === true) return false;
      if (name === 'include' && value !== true) return false;
    }
    return true;
  };

  const collect = (group: SelectionGroup, type: GraphQLCompositeType, variables: VariableValues): CollectedField[] => {
    const key = conditionVariables.length === 0 ? type.name : `${type.name}\u0000${conditionVariables.map((name) => String(variables[name])).join('\u0000')}`;
    const known = group.collected.get(key);
    if (known) return known;
    const byName = new Map<string, CollectedField & { childSets: SelectionSetNode[] }>();
    const visited = new Set<string>();
    const fieldsOf = 'getFields' in type ? type.getFields() : {};
    const walk = (set: SelectionSetNode): void => {
      for (const selection of set.selections) {
        if (!included(selection.directives, variables)) continue;
        if (selection.kind === Kind.FIELD) {
          const responseName = selection.alias?.value ?? selection.name.value;
          const name = selection.name.value;
          let field = byName.get(responseName);
          if (!field) {
            const kind = name === '__typename' ? FieldKind.Typename : name === '__schema' || name === '__type' ? FieldKind.Introspection : FieldKind.Value;
            const definition = kind === FieldKind.Value ? fieldsOf[name] : undefined;
            if (kind === FieldKind.Value && !definition) continue;
            const key = `${JSON.stringify(responseName)}:`;
            field = { responseName, key, opening: `{${key}`, following: `,${key}`, kind, type: valueTypeOf(definition?.type ?? GraphQLString), child: undefined, nodes: [], guarded: responseName in Object.prototype, childSets: [] };
            byName.set(responseName, field);
          }
          field.nodes.push(selection);
          if (selection.selectionSet) field.childSets.push(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (applies(selection.typeCondition?.name.value, type)) walk(selection.selectionSet);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || visited.has(name)) continue;
          visited.add(name);
          if (applies(fragment.typeCondition.name.value, type)) walk(fragment.selectionSet);
        }
      }
    };
    for (const set of group.sets) walk(set);
    const fields: CollectedField[] = [];
    for (const { childSets, ...field } of byName.values()) {
      if (childSets.length > 0) field.child = { sets: childSets, collected: new Map() };
      fields.push(field);
    }
    if (group.collected.size < MAX_COLLECTIONS_PER_GROUP) group.collected.set(key, fields);
    return fields;
  };

  return {
    async shape(input, variableValues) {
      const errors: GraphQLError[] = [];
      let introspection: ResponseObject | undefined;
      const introspect = (field: CollectedField): unknown => {
        introspection ??= runIntrospection(schema, fragments, operation, collect(root, rootType, variableValues), variableValues);
        return ownValue(introspection, field.responseName) ?? null;
      };
      const invalid = (message: string, path: Path) => {
        errors.push(new GraphQLError(message, { path: [...path], extensions: { code: ErrorCode.InvalidGraphQL } }));
      };
      // The response text, written as the walk goes; a null that bubbles up cuts it back to where
      // the object or list it nulls began.
      let json = '';
      // Written text is kept in flat chunks of about 8 KB: a string grown by `+=` alone is a rope
      // of one node per append, all alive until the end (a 3 MB answer made the collector work
      // through a million of them), and flattening it walks every node. Flattened while its nodes
      // are a few microseconds old, a rope is still in the CPU's cache; at 64 KB, with requests
      // interleaved, it no longer was: 0.53 ms per flattening of a 73 KB answer, a fifth of the
      // gateway's CPU in the field's benchmark (8 KB: per CPU-second 337 -> ~425 requests).
      const chunks: string[] = [];
      let flushed = 0;
      const position = () => flushed + json.length;
      const cutBackTo = (at: number) => {
        while (at < flushed) {
          json = chunks.pop()!;
          flushed -= json.length;
        }
        json = json.slice(0, at - flushed);
      };
      const path: Path = [];
      // The walk keeps its own stack instead of recursing, so it can stop after any value when its
      // time slice is spent and go on after other requests had their turn.
      const stack: Frame[] = [];
      let rootNulled = false;

      /** A non-null slot turns a null into a bubble (saying why, unless an error already does). */
      const settle = (written: Written, slot: ValueType, parent: GraphQLCompositeType): Written => {
        if (written === Written.Value || !slot.nonNull) return written;
        if (written === Written.Null) invalid(`Cannot return null for non-nullable ${describe(path, slot.printed, parent)}.`, path);
        return Written.Bubble;
      };

      /** Writes a leaf or starts a frame for an object or a list (Pending); nothing written for a null. */
      const begin = (value: unknown, slot: ValueType, child: SelectionGroup | undefined, parent: GraphQLCompositeType): Written | typeof PENDING => {
        if (value === null) return Written.Null;
        if (slot.leaf) {
          if (!slot.leaf(value)) {
            invalid(`Invalid value found for ${describe(path, slot.printed, parent)}.`, path);
            return Written.ExplainedNull;
          }
          json += leafJson(value);
          return Written.Value;
        }
        if (slot.list) {
          if (!Array.isArray(value)) {
            invalid(`Invalid value found for ${describe(path, slot.printed, parent)}.`, path);
            return Written.ExplainedNull;
          }
          stack.push({ kind: FrameKind.List, items: value, index: 0, item: slot.list, child, parent, start: position(), nullified: false, slot });
          json += '[';
          return PENDING;
        }
        const composite = slot.composite!;
        if (!isResponseObject(value) || !child) {
          invalid(`Invalid value found for ${describe(path, slot.printed, parent)}.`, path);
          return Written.ExplainedNull;
        }
        let runtime: GraphQLCompositeType = composite;
        const typename = value.__typename;
        if (typename !== undefined && typename !== composite.name) {
          const named = typeof typename === 'string' ? schema.getType(typename) : undefined;
          // Not in the API schema: an @inaccessible type, whose name must not leak either.
          if (!named || !isCompositeType(named)) {
            invalid(`Invalid __typename found for object at ${describe(path, slot.printed, parent)}.`, path);
            return Written.ExplainedNull;
          }
          runtime = named;
        }
        stack.push({ kind: FrameKind.Object, value, fields: collect(child, runtime, variableValues), index: 0, type: runtime, start: position(), separator: '{', slot, parent });
        return PENDING;
      };

      /** The frame on top of the stack receives the settled result of its current field or item. */
      const deliver = (written: Written): void => {
        const frame = stack[stack.length - 1]!;
        path.pop();
        if (frame.kind === FrameKind.List) {
          // A null in a list of non-null items nulls the list; the other items are still checked.
          if (written === Written.Bubble) frame.nullified = true;
          else if (written !== Written.Value) json += 'null';
          return;
        }
        if (written === Written.Bubble) nullObject(frame);
        else if (written !== Written.Value) json += 'null';
      };

      /** The object becomes null: its text is cut, and its own slot settles the null. */
      const nullObject = (frame: ObjectFrame): void => {
        cutBackTo(frame.start);
        stack.pop();
        if (!frame.slot) rootNulled = true;
        else deliver(settle(Written.ExplainedNull, frame.slot, frame.parent!));
      };

      /** Walks until done (true) or until the slice's deadline passes (false). */
      const walk = (deadline: number): boolean => {
        let steps = 0;
        while (stack.length > 0) {
          if (++steps === 256) {
            steps = 0;
            if (performance.now() > deadline) return false;
          }
          if (json.length > CHUNK_LENGTH) {
            // Number() flattens the rope (the `flatstr` trick); the chunk is kept flat.
            Number(json);
            chunks.push(json);
            flushed += json.length;
            json = '';
          }
          const frame = stack[stack.length - 1]!;
          if (frame.kind === FrameKind.List) {
            if (frame.index === frame.items.length) {
              stack.pop();
              if (frame.nullified) cutBackTo(frame.start);
              else json += ']';
              deliver(settle(frame.nullified ? Written.ExplainedNull : Written.Value, frame.slot, frame.parent));
              continue;
            }
            const index = frame.index++;
            if (index > 0) json += ',';
            const item = frame.items[index] ?? null;
            // The common case first: a valid leaf is written as it is (what begin, settle and deliver
            // would do for it, without their calls and the path's push and pop).
            const itemLeaf = frame.item.leaf;
            if (item !== null && itemLeaf !== undefined && itemLeaf(item)) {
              json += leafJson(item);
              continue;
            }
            path.push(index);
            const written = begin(item, frame.item, frame.child, frame.parent);
            if (written !== PENDING) deliver(settle(written, frame.item, frame.parent));
            continue;
          }
          if (frame.index === frame.fields.length) {
            stack.pop();
            json += frame.separator === '{' ? '{}' : '}';
            if (frame.slot) deliver(settle(Written.Value, frame.slot, frame.parent!));
            continue;
          }
          const field = frame.fields[frame.index++]!;
          const name = field.responseName;
          const value = frame.value;
          if (field.kind === FieldKind.Typename) {
            let typename = field.guarded ? ownValue(value, name) : value[name];
            if (typeof typename !== 'string' && name !== '__typename') typename = value.__typename;
            const named = typeof typename === 'string' ? (schema.getType(typename) ?? frame.type) : frame.type;
            // An interface's name (an @interfaceObject's answer not completed by its owner): no object to show.
            if (!isObjectType(named)) {
              nullObject(frame);
              continue;
            }
            json += (frame.separator === ',' ? field.following : field.opening) + JSON.stringify(named.name);
          } else if (field.kind === FieldKind.Introspection) {
            json += (frame.separator === ',' ? field.following : field.opening) + JSON.stringify(introspect(field));
          } else {
            let raw = field.guarded ? ownValue(value, name) : value[name];
            if (raw === undefined) raw = null;
            json += frame.separator === ',' ? field.following : field.opening;
            frame.separator = ',';
            const leaf = field.type.leaf;
            if (raw !== null && leaf !== undefined && leaf(raw)) {
              json += leafJson(raw);
              continue;
            }
            path.push(name);
            const written = begin(raw, field.type, field.child, frame.type);
            if (written !== PENDING) deliver(settle(written, field.type, frame.type));
            continue;
          }
          frame.separator = ',';
        }
        return true;
      };

      stack.push({ kind: FrameKind.Object, value: input, fields: collect(root, rootType, variableValues), index: 0, type: rootType, start: 0, separator: '{', slot: undefined, parent: undefined });
      while (!walk(performance.now() + SLICE_MS)) await yieldToEventLoop();
      chunks.push(json);
      return { data: rootNulled ? null : new RawJson(chunks), errors };
    },
  };
}

/** How long the walk runs before letting other requests (and `/health`) have the event loop. */
const SLICE_MS = 5;
const CHUNK_LENGTH = 8_192;

const PENDING = Symbol('pending');

const enum FrameKind {
  Object,
  List,
}

interface ObjectFrame {
  kind: FrameKind.Object;
  value: ResponseObject;
  fields: CollectedField[];
  index: number;
  type: GraphQLCompositeType;
  /** Where the object's text begins. */
  start: number;
  separator: string;
  /** The slot the object fills (undefined for the root) and the type of the object that holds it. */
  slot: ValueType | undefined;
  parent: GraphQLCompositeType | undefined;
}

interface ListFrame {
  kind: FrameKind.List;
  items: unknown[];
  index: number;
  item: ValueType;
  child: SelectionGroup | undefined;
  parent: GraphQLCompositeType;
  start: number;
  nullified: boolean;
  slot: ValueType;
}

type Frame = ObjectFrame | ListFrame;

function describe(path: Path, printedType: string, parent: GraphQLCompositeType): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? `field ${parent.name}.${last}` : `array element of type ${printedType} at index ${String(last)}`;
}

/**
 * A field's type, decided once at compile time: graphql-js's type predicates (`isNonNullType`...)
 * are `instanceof` checks that cost a great deal outside production mode, once per value.
 */
interface ValueType {
  nonNull: boolean;
  /** The type without its non-null wrapper, as error messages print it. */
  printed: string;
  /** The items' type, for a list. */
  list: ValueType | undefined;
  composite: GraphQLCompositeType | undefined;
  /** Whether a value fits, for a scalar or an enum. */
  leaf: ((value: unknown) => boolean) | undefined;
}

const valueTypes = new WeakMap<GraphQLOutputType, ValueType>();

function valueTypeOf(type: GraphQLOutputType): ValueType {
  let known = valueTypes.get(type);
  if (!known) {
    const nonNull = isNonNullType(type);
    const nullable = nonNull ? type.ofType : type;
    known = {
      nonNull,
      printed: String(nullable),
      list: isListType(nullable) ? valueTypeOf(nullable.ofType) : undefined,
      composite: isCompositeType(nullable) ? nullable : undefined,
      leaf: isListType(nullable) || isCompositeType(nullable) ? undefined : leafCheck(nullable),
    };
    valueTypes.set(type, known);
  }
  return known;
}

/** A string that JSON.stringify would escape: a quote, a backslash, a control character or a surrogate (lone ones are escaped). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * The JSON text of a valid leaf value. A string with nothing to escape — nearly every string a
 * subgraph sends — is quoted as it is: the rope then holds the subgraph's own string, copied once
 * when the chunk is flattened, where JSON.stringify copied it a first time (the field benchmark's
 * profile: 62% of the walk's time on this line, its 622 strings averaging 97 characters).
 */
function leafJson(value: unknown): string {
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : '"' + value + '"';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** What graphql-js prints as an integer (1e21 and beyond print in exponent form). */
const isInteger = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 1e21;

/** Which values a scalar or enum accepts from a subgraph (custom scalars: any). */
function leafCheck(type: GraphQLNamedType): (value: unknown) => boolean {
  if (isEnumType(type)) {
    const values = new Set(type.getValues().map((value) => value.name));
    return (value) => typeof value === 'string' && values.has(value);
  }
  switch (type.name) {
    case 'Boolean':
      return (value) => typeof value === 'boolean';
    case 'Int':
      return (value) => isInteger(value);
    case 'ID':
      return (value) => typeof value === 'string' || (isInteger(value));
    case 'Float':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'String':
      return (value) => typeof value === 'string';
    default:
      return () => true;
  }
}

/** The variables that `@skip(if:)`/`@include(if:)` read anywhere in the document. */
function variablesOfConditions(document: DocumentNode): string[] {
  const names = new Set<string>();
  const visitSet = (set: SelectionSetNode | undefined): void => {
    if (!set) return;
    for (const selection of set.selections) {
      for (const directive of selection.directives ?? []) {
        if (directive.name.value !== 'skip' && directive.name.value !== 'include') continue;
        for (const argument of directive.arguments ?? []) if (argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
      }
      if (selection.kind !== Kind.FRAGMENT_SPREAD) visitSet(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visitSet(definition.selectionSet);
  }
  return [...names].sort();
}

/** `__schema` and `__type` are answered by the gateway from the API schema, once per request. */
function runIntrospection(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
  rootFields: readonly CollectedField[],
  variableValues: VariableValues,
): ResponseObject {
  const selections = rootFields.filter((field) => field.kind === FieldKind.Introspection).flatMap((field) => field.nodes);
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [{ ...operation, directives: [], selectionSet: { kind: Kind.SELECTION_SET, selections } }, ...fragments.values()],
  };
  const result = execute({ schema, document, rootValue: {}, variableValues: { ...variableValues } });
  if ('then' in result) throw new Error('Introspection cannot be asynchronous');
  return (result.data as ResponseObject | null | undefined) ?? {};
}
