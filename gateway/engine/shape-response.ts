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
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
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
import { isResponseObject, ownValue, setOwn, type ResponseObject } from './merge-in-place.js';

type Path = (string | number)[];
type VariableValues = Readonly<Record<string, unknown>>;

/** A null that is already explained by an error (no "Cannot return null" on top of it). */
const EXPLAINED_NULL = Symbol('explained null');
/** A null in a non-null place: the parent becomes null in turn. */
const BUBBLE = Symbol('null bubbles up');
type Completed = unknown | typeof EXPLAINED_NULL | typeof BUBBLE;

const enum FieldKind {
  Typename,
  Introspection,
  Value,
}

interface CollectedField {
  responseName: string;
  kind: FieldKind;
  type: GraphQLOutputType;
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
  data: ResponseObject | null;
  /** Where the subgraphs' values did not fit the schema (see {@link ErrorCode.InvalidGraphQL}). */
  errors: GraphQLError[];
}

export interface CompiledShape {
  shape(input: ResponseObject, variableValues: VariableValues): ShapedResponse;
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
            field = { responseName, kind, type: definition?.type ?? GraphQLString, child: undefined, nodes: [], guarded: responseName in Object.prototype, childSets: [] };
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
    shape(input, variableValues) {
      const errors: GraphQLError[] = [];
      let introspection: ResponseObject | undefined;
      const introspect = (field: CollectedField): unknown => {
        introspection ??= runIntrospection(schema, fragments, operation, collect(root, rootType, variableValues), variableValues);
        return ownValue(introspection, field.responseName) ?? null;
      };
      const invalid = (message: string, path: Path) => {
        errors.push(new GraphQLError(message, { path: [...path], extensions: { code: ErrorCode.InvalidGraphQL } }));
      };

      const completeObject = (value: ResponseObject, group: SelectionGroup, type: GraphQLCompositeType, path: Path): ResponseObject | typeof BUBBLE => {
        const output: ResponseObject = {};
        for (const field of collect(group, type, variableValues)) {
          const name = field.responseName;
          if (field.kind === FieldKind.Typename) {
            let typename = field.guarded ? ownValue(value, name) : value[name];
            if (typeof typename !== 'string' && name !== '__typename') typename = value.__typename;
            const named = typeof typename === 'string' ? (schema.getType(typename) ?? type) : type;
            // An interface's name (an @interfaceObject's answer not completed by its owner): no object to show.
            if (!isObjectType(named)) return BUBBLE;
            setOwn(output, name, named.name);
            continue;
          }
          if (field.kind === FieldKind.Introspection) {
            setOwn(output, name, introspect(field));
            continue;
          }
          let raw = field.guarded ? ownValue(value, name) : value[name];
          if (raw === undefined) raw = null;
          path.push(name);
          const completed = completeValue(raw, field.type, field.child, type, path);
          path.pop();
          if (completed === BUBBLE) return BUBBLE;
          setOwn(output, name, completed === EXPLAINED_NULL ? null : completed);
        }
        return output;
      };

      const completeValue = (value: unknown, type: GraphQLOutputType, child: SelectionGroup | undefined, parent: GraphQLCompositeType, path: Path): Completed => {
        if (isNonNullType(type)) {
          const completed = completeValue(value, type.ofType, child, parent, path);
          if (completed === null) {
            invalid(`Cannot return null for non-nullable ${describe(path, type.ofType, parent)}.`, path);
            return BUBBLE;
          }
          return completed === EXPLAINED_NULL || completed === BUBBLE ? BUBBLE : completed;
        }
        if (value === null) return null;
        if (isListType(type)) {
          if (!Array.isArray(value)) {
            invalid(`Invalid value found for ${describe(path, type, parent)}.`, path);
            return EXPLAINED_NULL;
          }
          const list = new Array<unknown>(value.length);
          let nullified = false;
          for (let index = 0; index < value.length; index++) {
            path.push(index);
            const element = completeValue(value[index] ?? null, type.ofType, child, parent, path);
            path.pop();
            // A null in a list of non-null items nulls the list; the other items are still checked.
            if (element === BUBBLE) nullified = true;
            list[index] = element === EXPLAINED_NULL || element === BUBBLE ? null : element;
          }
          return nullified ? EXPLAINED_NULL : list;
        }
        if (isCompositeType(type)) {
          if (!isResponseObject(value) || !child) {
            invalid(`Invalid value found for ${describe(path, type, parent)}.`, path);
            return EXPLAINED_NULL;
          }
          let runtime: GraphQLCompositeType = type;
          const typename = value.__typename;
          if (typename !== undefined) {
            const named = typeof typename === 'string' ? schema.getType(typename) : undefined;
            // Not in the API schema: an @inaccessible type, whose name must not leak either.
            if (!named || !isCompositeType(named)) {
              invalid(`Invalid __typename found for object at ${describe(path, type, parent)}.`, path);
              return EXPLAINED_NULL;
            }
            runtime = named;
          }
          const completed = completeObject(value, child, runtime, path);
          return completed === BUBBLE ? EXPLAINED_NULL : completed;
        }
        if (isValidLeaf(value, type as GraphQLNamedType)) return value;
        invalid(`Invalid value found for ${describe(path, type, parent)}.`, path);
        return EXPLAINED_NULL;
      };

      const data = completeObject(input, root, rootType, []);
      return { data: data === BUBBLE ? null : data, errors };
    },
  };
}

function describe(path: Path, type: GraphQLOutputType, parent: GraphQLCompositeType): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? `field ${parent.name}.${last}` : `array element of type ${String(type)} at index ${String(last)}`;
}

const INTEGER = /^[+-]?\d+$/;

function isValidLeaf(value: unknown, type: GraphQLNamedType): boolean {
  if (isEnumType(type)) return typeof value === 'string' && type.getValue(value) !== undefined;
  const builtIn = type === GraphQLInt || type === GraphQLFloat || type === GraphQLString || type === GraphQLBoolean || type === GraphQLID;
  if (!builtIn && !['Int', 'Float', 'String', 'Boolean', 'ID'].includes(type.name)) return true;
  switch (typeof value) {
    case 'boolean':
      return type.name === 'Boolean';
    case 'number':
      if (!Number.isFinite(value)) return false;
      return type.name === 'Int' || type.name === 'ID' ? INTEGER.test(String(value)) : type.name === 'Float';
    case 'string':
      return type.name === 'String' || type.name === 'ID';
    default:
      return false;
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
