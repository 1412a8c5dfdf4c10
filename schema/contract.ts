/**
 * The partners' contract: which elements of the graph the public schema keeps, turned into
 * `@inaccessible` on the subgraph SDLs so that `@apollo/composition` builds the contract supergraph.
 *
 * The filter follows Apollo's contracts (GraphOS "included" and "excluded" tags), which Apollo only
 * offers under its enterprise licence:
 * - an object or interface field is kept when it, or its type's definition, carries an included
 *   tag; a union is kept when it carries one;
 * - any element carrying an excluded tag is removed (this is how an argument, an input field or an
 *   enum value leaves a kept field or type);
 * - an object or interface type left without a kept field is removed, and so is every type no kept
 *   root field leads to (Apollo's "hide unreachable types").
 * Tags are read on the merged graph, as on a supergraph: a tag on any subgraph's definition of a type
 * or field counts for all of them.
 */
import {
  Kind,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type TypeNode,
} from 'graphql';

export interface ContractFilter {
  /** Tags that put an element in the contract. */
  include: readonly string[];
  /** Tags that keep an element out even when an included tag would put it in. */
  exclude: readonly string[];
}

/** The partners' contract: `@tag(name: "public")` puts an element in, `@tag(name: "internal")` takes it out again. */
export const PUBLIC_CONTRACT: ContractFilter = { include: ['public'], exclude: ['internal'] };

const ROOT_TYPES = ['Query', 'Mutation', 'Subscription'];
const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const INACCESSIBLE_URL_PREFIX = 'https://specs.apollo.dev/federation/';

type TypeKind = 'object' | 'interface' | 'union' | 'enum' | 'input' | 'scalar';

interface MergedInputValue { tags: Set<string>; type: string }
interface MergedField { tags: Set<string>; type: string; args: Map<string, MergedInputValue> }
interface MergedType {
  kind: TypeKind;
  tags: Set<string>;
  fields: Map<string, MergedField>;
  inputFields: Map<string, MergedInputValue>;
  enumValues: Map<string, Set<string>>;
  members: Set<string>;
  interfaces: Set<string>;
}

/** What the contract removes, by coordinate: `Type`, `Type.field`, `Type.field(arg:)`, `Input.field`, `Enum.VALUE`. */
export interface ContractDecision {
  removedTypes: Set<string>;
  removedCoordinates: Set<string>;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function tagsOf(directives: readonly ConstDirectiveNode[] | undefined): string[] {
  return (directives ?? []).flatMap((d) => {
    if (d.name.value !== 'tag') return [];
    const name = d.arguments?.find((a) => a.name.value === 'name')?.value;
    return name?.kind === Kind.STRING ? [name.value] : [];
  });
}

function mergeTypes(documents: readonly DocumentNode[]): Map<string, MergedType> {
  const types = new Map<string, MergedType>();
  const typeFor = (name: string, kind: TypeKind): MergedType => {
    let type = types.get(name);
    if (!type) {
      type = { kind, tags: new Set(), fields: new Map(), inputFields: new Map(), enumValues: new Map(), members: new Set(), interfaces: new Set() };
      types.set(name, type);
    }
    return type;
  };
  const mergeInputValue = (into: Map<string, MergedInputValue>, value: InputValueDefinitionNode) => {
    const merged = into.get(value.name.value) ?? { tags: new Set<string>(), type: namedType(value.type) };
    for (const tag of tagsOf(value.directives)) merged.tags.add(tag);
    into.set(value.name.value, merged);
  };
  const mergeField = (into: MergedType, field: FieldDefinitionNode) => {
    const merged = into.fields.get(field.name.value) ?? { tags: new Set<string>(), type: namedType(field.type), args: new Map() };
    for (const tag of tagsOf(field.directives)) merged.tags.add(tag);
    for (const arg of field.arguments ?? []) mergeInputValue(merged.args, arg);
    into.fields.set(field.name.value, merged);
  };

  for (const document of documents) {
    for (const definition of document.definitions) {
      switch (definition.kind) {
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.OBJECT_TYPE_EXTENSION:
        case Kind.INTERFACE_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_EXTENSION: {
          const isObject = definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION;
          const type = typeFor(definition.name.value, isObject ? 'object' : 'interface');
          for (const tag of tagsOf(definition.directives)) type.tags.add(tag);
          for (const i of definition.interfaces ?? []) type.interfaces.add(i.name.value);
          for (const field of definition.fields ?? []) mergeField(type, field);
          break;
        }
        case Kind.UNION_TYPE_DEFINITION:
        case Kind.UNION_TYPE_EXTENSION: {
          const type = typeFor(definition.name.value, 'union');
          for (const tag of tagsOf(definition.directives)) type.tags.add(tag);
          for (const member of definition.types ?? []) type.members.add(member.name.value);
          break;
        }
        case Kind.ENUM_TYPE_DEFINITION:
        case Kind.ENUM_TYPE_EXTENSION: {
          const type = typeFor(definition.name.value, 'enum');
          for (const tag of tagsOf(definition.directives)) type.tags.add(tag);
          for (const value of definition.values ?? []) {
            const tags = type.enumValues.get(value.name.value) ?? new Set<string>();
            for (const tag of tagsOf(value.directives)) tags.add(tag);
            type.enumValues.set(value.name.value, tags);
          }
          break;
        }
        case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        case Kind.INPUT_OBJECT_TYPE_EXTENSION: {
          const type = typeFor(definition.name.value, 'input');
          for (const tag of tagsOf(definition.directives)) type.tags.add(tag);
          for (const field of definition.fields ?? []) mergeInputValue(type.inputFields, field);
          break;
        }
        case Kind.SCALAR_TYPE_DEFINITION:
        case Kind.SCALAR_TYPE_EXTENSION: {
          const type = typeFor(definition.name.value, 'scalar');
          for (const tag of tagsOf(definition.directives)) type.tags.add(tag);
          break;
        }
        default:
          break;
      }
    }
  }
  return types;
}

/** Decides, on the merged graph, what `filter` removes from the subgraphs `documents`. */
export function decideContract(documents: readonly DocumentNode[], filter: ContractFilter): ContractDecision {
  const types = mergeTypes(documents);
  const has = (tags: Set<string>, wanted: readonly string[]) => wanted.some((t) => tags.has(t));
  const excluded = (tags: Set<string>) => has(tags, filter.exclude);
  const removedCoordinates = new Set<string>();

  const keptFields = (name: string, type: MergedType): string[] => {
    if (type.kind !== 'object' && type.kind !== 'interface') return [];
    if (excluded(type.tags)) return [];
    return [...type.fields].flatMap(([fieldName, field]) => {
      const kept = !excluded(field.tags) && (has(field.tags, filter.include) || has(type.tags, filter.include));
      if (!kept) removedCoordinates.add(`${name}.${fieldName}`);
      return kept ? [fieldName] : [];
    });
  };
  const fieldsKept = new Map([...types].map(([name, type]) => [name, keptFields(name, type)]));

  const reachable = new Set<string>();
  const visitType = (name: string) => {
    const type = types.get(name);
    if (!type || reachable.has(name) || excluded(type.tags)) return;
    if ((type.kind === 'object' || type.kind === 'interface') && fieldsKept.get(name)!.length === 0) return;
    if (type.kind === 'union' && !has(type.tags, filter.include)) return;
    reachable.add(name);
    for (const fieldName of fieldsKept.get(name) ?? []) {
      const field = type.fields.get(fieldName)!;
      visitType(field.type);
      for (const [argName, arg] of field.args) {
        if (excluded(arg.tags)) removedCoordinates.add(`${name}.${fieldName}(${argName}:)`);
        else visitType(arg.type);
      }
    }
    for (const [fieldName, field] of type.inputFields) {
      if (excluded(field.tags)) removedCoordinates.add(`${name}.${fieldName}`);
      else visitType(field.type);
    }
    for (const [value, tags] of type.enumValues) if (excluded(tags)) removedCoordinates.add(`${name}.${value}`);
    for (const member of type.members) visitType(member);
    // An interface a kept object implements stays, and so does every kept implementation of a kept interface.
    for (const i of type.interfaces) visitType(i);
    if (type.kind === 'interface') {
      for (const [other, otherType] of types) if (otherType.interfaces.has(name)) visitType(other);
    }
  };
  for (const root of ROOT_TYPES) visitType(root);

  const removedTypes = new Set([...types.keys()].filter((name) => !reachable.has(name) && !BUILT_IN_SCALARS.has(name)));
  return { removedTypes, removedCoordinates };
}

const INACCESSIBLE: ConstDirectiveNode = { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'inaccessible' }, arguments: [] };

function withInaccessible<T extends { directives?: readonly ConstDirectiveNode[] }>(node: T): T {
  if (node.directives?.some((d) => d.name.value === 'inaccessible')) return node;
  return { ...node, directives: [...(node.directives ?? []), INACCESSIBLE] };
}

/** Adds `@inaccessible` to the federation `@link` imports when the subgraph does not import it yet. */
function importInaccessible(document: DocumentNode): DocumentNode {
  return visit(document, {
    Directive(node) {
      if (node.name.value !== 'link') return undefined;
      const url = node.arguments?.find((a) => a.name.value === 'url')?.value;
      if (url?.kind !== Kind.STRING || !url.value.startsWith(INACCESSIBLE_URL_PREFIX)) return undefined;
      return {
        ...node,
        arguments: node.arguments?.map((arg) => {
          if (arg.name.value !== 'import' || arg.value.kind !== Kind.LIST) return arg;
          const imported = arg.value.values.some((v) => v.kind === Kind.STRING && v.value === '@inaccessible');
          if (imported) return arg;
          return { ...arg, value: { ...arg.value, values: [...arg.value.values, { kind: Kind.STRING, value: '@inaccessible' }] } };
        }),
      };
    },
  });
}

/**
 * Marks `@inaccessible` what `decision` removes, in one subgraph. Nodes keep their locations, so a
 * composition error of the contract still points at the subgraph file and line.
 */
export function applyContract(document: DocumentNode, decision: ContractDecision): DocumentNode {
  const { removedTypes, removedCoordinates } = decision;
  let parent: string | undefined;
  let field: string | undefined;
  const typeNode = {
    enter(node: { name: { value: string } }) { parent = node.name.value; },
    leave(node: { name: { value: string }; directives?: readonly ConstDirectiveNode[] }) {
      parent = undefined;
      return removedTypes.has(node.name.value) ? withInaccessible(node) : undefined;
    },
  };
  const transformed = visit(document, {
    ObjectTypeDefinition: typeNode,
    ObjectTypeExtension: typeNode,
    InterfaceTypeDefinition: typeNode,
    InterfaceTypeExtension: typeNode,
    UnionTypeDefinition: typeNode,
    UnionTypeExtension: typeNode,
    EnumTypeDefinition: typeNode,
    EnumTypeExtension: typeNode,
    InputObjectTypeDefinition: typeNode,
    InputObjectTypeExtension: typeNode,
    ScalarTypeDefinition: typeNode,
    ScalarTypeExtension: typeNode,
    DirectiveDefinition: () => false,
    FieldDefinition: {
      enter(node) { field = node.name.value; },
      leave(node) {
        field = undefined;
        // Fields of a removed type go with it; marking them too would only repeat the decision.
        if (!parent || removedTypes.has(parent)) return undefined;
        // Federation refuses @inaccessible on an @external field: the subgraph that resolves it carries the mark.
        if (node.directives?.some((d) => d.name.value === 'external')) return undefined;
        return removedCoordinates.has(`${parent}.${node.name.value}`) ? withInaccessible(node) : undefined;
      },
    },
    InputValueDefinition(node) {
      if (!parent || removedTypes.has(parent)) return undefined;
      const coordinate = field ? `${parent}.${field}(${node.name.value}:)` : `${parent}.${node.name.value}`;
      return removedCoordinates.has(coordinate) ? withInaccessible(node) : undefined;
    },
    EnumValueDefinition(node) {
      if (!parent || removedTypes.has(parent)) return undefined;
      return removedCoordinates.has(`${parent}.${node.name.value}`) ? withInaccessible(node) : undefined;
    },
  });
  return importInaccessible(transformed);
}
