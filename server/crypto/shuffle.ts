import { randomInt } from 'node:crypto';

/** Fisher–Yates with a cryptographic source: the order says nothing about the order things came in. */
export function shuffleInPlace<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
