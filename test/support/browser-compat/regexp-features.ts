/**
 * The regular-expression features a pattern uses that acorn accepts from ES2018 on but the floor may
 * lack (Firefox 68 has none of them, Safari 14 no lookbehind): a regex literal with one is a SyntaxError
 * that stops the whole script, a `new RegExp` string one a throw where it runs. By bcd path.
 */

/** bcd's paths of the pattern features scanned for. */
export const REGEXP_FEATURES = {
  lookbehind: 'javascript.regular_expressions.lookbehind_assertion',
  namedGroup: 'javascript.regular_expressions.named_capturing_group',
  namedBackreference: 'javascript.regular_expressions.named_backreference',
  propertyEscape: 'javascript.regular_expressions.unicode_character_class_escape',
} as const;

/** Flags by bcd path: dotAll (s) is ES2018; d and v are rejected by acorn at ES2020 already. */
const FLAG_FEATURES: Readonly<Record<string, string>> = {
  s: 'javascript.builtins.RegExp.dotAll',
  d: 'javascript.builtins.RegExp.hasIndices',
  v: 'javascript.builtins.RegExp.unicodeSets',
  y: 'javascript.builtins.RegExp.sticky',
};

/** The bcd paths of the features `pattern` with `flags` uses, each once. */
export function regexpFeatures(pattern: string, flags: string): string[] {
  const found = new Set<string>();
  for (const flag of flags) if (FLAG_FEATURES[flag]) found.add(FLAG_FEATURES[flag]);
  const unicode = flags.includes('u') || flags.includes('v');
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      const next = pattern[i + 1];
      if (unicode && (next === 'p' || next === 'P') && pattern[i + 2] === '{')
        found.add(REGEXP_FEATURES.propertyEscape);
      if (!inClass && next === 'k' && pattern[i + 2] === '<') found.add(REGEXP_FEATURES.namedBackreference);
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') inClass = true;
    else if (char === '(' && pattern.startsWith('?<', i + 1)) {
      const after = pattern[i + 3];
      found.add(after === '=' || after === '!' ? REGEXP_FEATURES.lookbehind : REGEXP_FEATURES.namedGroup);
    }
  }
  return [...found];
}
