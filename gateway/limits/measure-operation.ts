/**
 * The shape of each operation of a parsed document — depth, aliases, root fields — with fragments
 * expanded. Runs before validation, so it must survive what validation would refuse: unknown
 * fragments count as empty and fragment cycles are cut. Fragment spreads are measured once each
 * (memoized), so a document that spreads fragments exponentially is still measured in linear time.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export interface OperationShape {
  depth: number;
  aliases: number;
  rootFields: number;
}

type Measure = { depth: number; aliases: number };

/** The largest depth, alias count and root field count among the document's operations. */
export function measureDocument(document: DocumentNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, Measure>();
  const inProgress = new Set<string>();

  const fragmentMeasure = (name: string): Measure => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return { depth: 0, aliases: 0 };
    inProgress.add(name);
    const result = measureSelections(fragment.selectionSet);
    inProgress.delete(name);
    measured.set(name, result);
    return result;
  };

  const measureSelections = (selectionSet: SelectionSetNode): Measure => {
    let depth = 0;
    let aliases = 0;
    for (const selection of selectionSet.selections) {
      let inner: Measure;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? measureSelections(selection.selectionSet) : { depth: 0, aliases: 0 };
        // `__Type.ofType` unwraps a list or non-null: a chain of them is one type, answered by the
        // gateway itself. Counting it would make GraphiQL's introspection query 15 deep.
        const level = selection.name.value === 'ofType' ? 0 : 1;
        inner = { depth: below.depth + level, aliases: below.aliases + (selection.alias ? 1 : 0) };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measureSelections(selection.selectionSet);
      } else {
        inner = fragmentMeasure(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
    }
    return { depth, aliases };
  };

  const visitedRoots = new Set<string>();
  const countRootFields = (selectionSet: SelectionSetNode): number => {
    let count = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) count += 1;
      else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(selection.selectionSet);
      else {
        const fragment = fragments.get(selection.name.value);
        // A fragment spread twice at the root still asks for its fields once (they merge).
        if (!fragment || visitedRoots.has(fragment.name.value)) continue;
        visitedRoots.add(fragment.name.value);
        count += countRootFields(fragment.selectionSet);
      }
    }
    return count;
  };

  const shape: OperationShape = { depth: 0, aliases: 0, rootFields: 0 };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const { depth, aliases } = measureSelections(definition.selectionSet);
    visitedRoots.clear();
    const rootFields = countRootFields(definition.selectionSet);
    shape.depth = Math.max(shape.depth, depth);
    shape.aliases = Math.max(shape.aliases, aliases);
    shape.rootFields = Math.max(shape.rootFields, rootFields);
  }
  return shape;
}
