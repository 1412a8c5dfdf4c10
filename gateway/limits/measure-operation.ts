/**
 * The shape of each operation of a parsed document — depth, aliases, root fields, field selections
 * — with fragments expanded. Runs before validation, so it must survive what validation would
 * refuse: unknown fragments count as empty and fragment cycles are cut. Each fragment is measured
 * once (memoized), so a document that spreads fragments exponentially is still measured in linear
 * time, and its expanded size is known before anything (validation, authorization, the planner)
 * expands it.
 */
import { Kind, visit, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export interface OperationShape {
  depth: number;
  aliases: number;
  rootFields: number;
  /** Field selections with every fragment spread expanded: what a walk of the operation visits. */
  selections: number;
  /** Longest chain of fragments spreading each other (`...A` where A spreads B: 2). */
  spreadDepth: number;
  /** Pairs of same-named fields, and of fragment spreads, side by side in one selection set (whole document). */
  mergePairs: number;
}

type Measure = { depth: number; aliases: number; selections: number; spreadDepth: number };

const NOTHING: Measure = { depth: 0, aliases: 0, selections: 0, spreadDepth: 0 };

/** Counts grow exponentially with nested spreads: kept finite and exact up to far beyond any limit. */
const COUNT_CAP = Number.MAX_SAFE_INTEGER;
const add = (a: number, b: number) => Math.min(a + b, COUNT_CAP);

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
    if (!fragment || inProgress.has(name)) return NOTHING;
    inProgress.add(name);
    const inner = measureSelections(fragment.selectionSet);
    const result = { ...inner, spreadDepth: inner.spreadDepth + 1 };
    inProgress.delete(name);
    measured.set(name, result);
    return result;
  };

  const measureSelections = (selectionSet: SelectionSetNode): Measure => {
    let depth = 0;
    let aliases = 0;
    let selections = 0;
    let spreadDepth = 0;
    for (const selection of selectionSet.selections) {
      let inner: Measure;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? measureSelections(selection.selectionSet) : NOTHING;
        // `__Type.ofType` unwraps a list or non-null: a chain of them is one type, answered by the
        // gateway itself. Counting it would make GraphiQL's introspection query 15 deep.
        const level = selection.name.value === 'ofType' ? 0 : 1;
        inner = { ...below, depth: below.depth + level, aliases: add(below.aliases, selection.alias ? 1 : 0), selections: add(below.selections, 1) };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measureSelections(selection.selectionSet);
      } else {
        inner = fragmentMeasure(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      aliases = add(aliases, inner.aliases);
      selections = add(selections, inner.selections);
      spreadDepth = Math.max(spreadDepth, inner.spreadDepth);
    }
    return { depth, aliases, selections, spreadDepth };
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

  const shape: OperationShape = { depth: 0, aliases: 0, rootFields: 0, selections: 0, spreadDepth: 0, mergePairs: countMergePairs(document) };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const { depth, aliases, selections, spreadDepth } = measureSelections(definition.selectionSet);
    visitedRoots.clear();
    const rootFields = countRootFields(definition.selectionSet);
    shape.depth = Math.max(shape.depth, depth);
    shape.aliases = Math.max(shape.aliases, aliases);
    shape.rootFields = Math.max(shape.rootFields, rootFields);
    shape.selections = Math.max(shape.selections, selections);
    shape.spreadDepth = Math.max(shape.spreadDepth, spreadDepth);
  }
  return shape;
}

/**
 * What graphql-js's OverlappingFieldsCanBeMerged compares pairwise, counted without comparing: in
 * each selection set (inline fragments flattened into it, as the rule does), every pair of fields
 * with the same response name and every pair of named fragments spread there. `{ a a a }` is 3
 * pairs; 600 copies of `parent { id }` side by side are 179,700. Linear in the document.
 */
export function countMergePairs(document: DocumentNode): number {
  let pairs = 0;
  visit(document, {
    SelectionSet(selectionSet) {
      const responseNames = new Map<string, number>();
      const spreads = new Set<string>();
      const collect = (set: SelectionSetNode) => {
        for (const selection of set.selections) {
          if (selection.kind === Kind.FIELD) {
            const key = selection.alias?.value ?? selection.name.value;
            responseNames.set(key, (responseNames.get(key) ?? 0) + 1);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
          else spreads.add(selection.name.value);
        }
      };
      collect(selectionSet);
      for (const count of responseNames.values()) pairs = add(pairs, (count * (count - 1)) / 2);
      pairs = add(pairs, (spreads.size * (spreads.size - 1)) / 2);
    },
  });
  return pairs;
}
