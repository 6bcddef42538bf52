// The part of eslint-scope (no types of its own) the global-reference check uses.
declare module 'eslint-scope' {
  import type { Identifier, Node } from 'estree';

  export interface Reference {
    identifier: Identifier;
  }

  export interface Scope {
    through: Reference[];
  }

  export interface ScopeManager {
    globalScope: Scope;
  }

  export function analyze(
    ast: Node,
    options: { ecmaVersion: number; sourceType: 'script' | 'module'; fallback?: (node: Node) => readonly string[] },
  ): ScopeManager;
}
