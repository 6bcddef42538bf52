import { KEYS } from 'eslint-visitor-keys';
import type { Node } from 'estree';

// The two things every check asks of the syntax tree.

/**
 * Visits every node depth-first with its ancestors (nearest last). One walk per script serves all the
 * checks: the scripts are megabytes, parsed and walked once.
 */
export function walk(root: Node, visit: (node: Node, ancestors: readonly Node[]) => void): void {
  const ancestors: Node[] = [];
  const step = (node: Node) => {
    visit(node, ancestors);
    ancestors.push(node);
    for (const key of KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof (item as Node).type === 'string') step(item as Node);
      } else if (child && typeof (child as Node).type === 'string') step(child as Node);
    }
    ancestors.pop();
  };
  step(root);
}

/** A string literal's value, also a minifier's template without substitutions (`randomUUID`). */
export function stringValue(node: Node): string | null {
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : null;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}
