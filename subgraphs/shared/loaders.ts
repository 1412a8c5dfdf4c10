/**
 * DataLoader shapes every subgraph uses: load many keys with one statement, then hand each key its
 * item(s). A loader lives for one request only (built in each subgraph's createContext).
 */
import DataLoader from 'dataloader';

/** Keys per `in (...)` list: far below the bound-parameter limits of SQLite and PostgreSQL. */
export const MAX_BATCH = 500;

type LoadMany<T> = (keys: readonly string[]) => Promise<readonly T[]>;

/** At most one item per key (an entity by id); null for a key nothing was found for. */
export function oneByKey<T>(load: LoadMany<T>, keyOf: (item: T) => string): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(
    async (keys) => {
      const found = new Map((await load(keys)).map((item) => [keyOf(item), item]));
      return keys.map((key) => found.get(key) ?? null);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

/** Every item of each key (the lines of an order...), in the order the load returned them. */
export function allByKey<T>(load: LoadMany<T>, keyOf: (item: T) => string): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(
    async (keys) => {
      const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
      for (const item of await load(keys)) groups.get(keyOf(item))?.push(item);
      return keys.map((key) => groups.get(key)!);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

/** A value per key from a load that answers with a map; `absent()` for keys it leaves out (a count of 0...). */
export function valueByKey<V>(load: (keys: readonly string[]) => Promise<Map<string, V>>, absent: () => V): DataLoader<string, V> {
  return new DataLoader<string, V>(
    async (keys) => {
      const found = await load(keys);
      return keys.map((key) => found.get(key) ?? absent());
    },
    { maxBatchSize: MAX_BATCH },
  );
}

/**
 * One loader per set of field arguments (e.g. one page size and cursor), so that the entities of a
 * list asking the same page still share one statement.
 */
export function loaderPerArguments<A, L>(argumentsKey: (args: A) => string, create: (args: A) => L): (args: A) => L {
  const loaders = new Map<string, L>();
  return (args) => {
    const key = argumentsKey(args);
    let loader = loaders.get(key);
    if (!loader) loaders.set(key, (loader = create(args)));
    return loader;
  };
}
