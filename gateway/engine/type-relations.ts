/**
 * Which objects of the response tree a type condition of the plan (`... on Product`, a Flatten
 * path's condition, a rewrite's) applies to, answered from the supergraph schema and remembered
 * per pair of names.
 */
import { isAbstractType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { ResponseObject } from './merge-in-place.js';

export interface TypeRelations {
  /** Whether `object` (by its `__typename`) is of `typeCondition`; an object without one is not. */
  isObjectOfType(object: ResponseObject, typeCondition: string): boolean;
  /** Whether the type named `typename` is `typeCondition` or one of its subtypes. */
  isSubtype(typename: string, typeCondition: string): boolean;
}

export function createTypeRelations(schema: GraphQLSchema): TypeRelations {
  const answers = new Map<string, boolean>();
  const isSubtype = (typename: string, typeCondition: string): boolean => {
    if (typename === typeCondition) return true;
    const key = `${typename}\u0000${typeCondition}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      const type = schema.getType(typename);
      const condition = schema.getType(typeCondition);
      // Names the schema does not know (a subgraph's answer can say anything) are not remembered.
      if (!type || !condition) return false;
      answer = isAbstractType(condition) && (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(condition, type);
      answers.set(key, answer);
    }
    return answer;
  };
  return {
    isSubtype,
    isObjectOfType(object, typeCondition) {
      const typename = object.__typename;
      return typeof typename === 'string' && isSubtype(typename, typeCondition);
    },
  };
}
