import { readFileSync } from 'node:fs';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type SubscriptionNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import { SUPERGRAPH_PATH } from '../../schema/subgraphs.js';
import { downgradeEnforcedSecurityLinks } from '../../gateway/authorization/security-links.js';

/** How many fetches the federation planner sends to each subgraph for an operation. */
export function fetchesPerSubgraph(query: string, operationName?: string): Record<string, number> {
  const supergraph = Supergraph.build(downgradeEnforcedSecurityLinks(readFileSync(SUPERGRAPH_PATH, 'utf8')));
  const planner = new QueryPlanner(supergraph);
  const operation = operationFromDocument(supergraph.apiSchema(), parse(query), operationName === undefined ? {} : { operationName });
  const plan = planner.buildQueryPlan(operation);
  const counts: Record<string, number> = {};
  const visit = (node: PlanNode | SubscriptionNode | undefined): void => {
    if (!node) return;
    switch (node.kind) {
      case 'Fetch':
        counts[node.serviceName] = (counts[node.serviceName] ?? 0) + 1;
        return;
      case 'Sequence':
      case 'Parallel':
        node.nodes.forEach(visit);
        return;
      case 'Flatten':
        visit(node.node);
        return;
      case 'Condition':
        visit(node.ifClause);
        visit(node.elseClause);
        return;
      case 'Defer':
        visit(node.primary.node);
        node.deferred.forEach((d) => visit(d.node));
        return;
      case 'Subscription':
        visit(node.primary);
        visit(node.rest);
        return;
    }
  };
  visit(plan.node);
  return counts;
}
