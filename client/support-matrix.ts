/**
 * Which browsers the respondent pages (the QR page, code entry, the form, the receipt and the published
 * notice) run on: the one home of the support matrix, read by the build (vite.config.ts, its polyfills),
 * the boot script's choice (client/boot/boot.js mirrors MODERN_MARKER) and the support-matrix test. The
 * README's table says the same in words (decision 016).
 *
 * The floor is where BigInt arrives (Chrome and Android WebView 67, Safari 14), which the code → token
 * exchange needs (RSA blind signatures, @cloudflare/blindrsa-ts); WebCrypto, native ES modules, dynamic
 * import and import.meta are all older than that. Firefox is held at 78 (the 2020 ESR): survey-core calls
 * ResizeObserver (Firefox 69) and builds \p{…} patterns (Firefox 78), neither of which core-js provides.
 * The legacy build is lowered to this level and carries core-js for every ES API the floor lacks.
 */
export const FLOOR = { chrome: 67, android: 67, safari: 14, ios: 14, firefox: 78, edge: 79, samsung: 9.2 } as const;

/** The floor as Vite's build.target (esbuild-style names). */
export const FLOOR_BUILD_TARGET = ['chrome67', 'safari14', 'ios14', 'firefox78', 'edge79'];

/**
 * The modern build's level: Vite's "baseline widely available" of 2026 made explicit. Only browsers that
 * have MODERN_MARKER get it; String.prototype.isWellFormed arrived in Chrome 111, Safari 16.4 and Firefox
 * 119, so every browser that has it parses and runs this level.
 */
export const MODERN_BUILD_TARGET = ['chrome111', 'edge111', 'firefox114', 'safari16.4', 'ios16.4'];

export const MODERN_MARKER = 'String.prototype.isWellFormed';

/** Where the legacy build goes, under the client's build folder, and the path it is served at. */
export const LEGACY_DIR = 'legacy';
