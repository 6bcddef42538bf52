import { ConditionRunner, ExpressionRunner } from 'survey-core';
import type { Computation, Condition, Scope } from './types.ts';

/**
 * Expressions are parsed once here and only run per ballot. survey-core's runners are used so the
 * server evaluates `visibleIf` exactly like the browser did (operators, functions, case rules).
 */
export function compileCondition(source: unknown): Condition | null {
  if (typeof source !== 'string' || source.trim() === '') return null;
  const runner = new ConditionRunner(source);
  return { source, holds: (scope: Scope) => runner.runValues(scope()) === true };
}

export function compileComputation(source: unknown): Computation | null {
  if (typeof source !== 'string' || source.trim() === '') return null;
  const runner = new ExpressionRunner(source);
  return { source, compute: (scope: Scope) => runner.runValues(scope()) };
}

export function allHold(conditions: readonly Condition[], scope: Scope): boolean {
  for (const condition of conditions) if (!condition.holds(scope)) return false;
  return true;
}

/** Memoises a scope so several conditions on one question share one copy of the answers. */
export function lazyScope(build: () => Record<string, unknown>): Scope {
  let built: Record<string, unknown> | undefined;
  return () => (built ??= build());
}
