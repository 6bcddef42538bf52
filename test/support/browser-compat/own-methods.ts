/**
 * Methods a script defines itself. In minified code a call `x.getName()` may be to Pingyi's or a
 * library's own method of that name (echarts', survey-core's) as well as to a DOM one; where the build
 * defines one, the name alone proves nothing.
 */
import type { MemberExpression, Node } from 'estree';
import { stringValue } from './ast.ts';

/** A property's name when it is spelled out: `x.name`, `x['name']`. */
export function propertyName(node: MemberExpression): string | null {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return node.computed ? stringValue(node.property) : null;
}

const isFunction = (node: Node | null | undefined) =>
  node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression';

const keyName = (key: Node, computed: boolean) =>
  !computed && key.type === 'Identifier' ? key.name : computed || key.type === 'Literal' ? stringValue(key) : null;

/** The name of a method defined here: in a class, an object literal, or by `x.m = function …`. */
export function ownMethodName(node: Node): string | null {
  if (node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') return keyName(node.key, node.computed);
  if (node.type === 'Property' && (node.method || node.kind !== 'init' || isFunction(node.value)))
    return keyName(node.key, node.computed);
  if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && isFunction(node.right))
    return propertyName(node.left);
  return null;
}
