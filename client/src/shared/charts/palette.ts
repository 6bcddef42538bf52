// Chart colours. Each colour that carries meaning is at least 4.5:1 against the white card (WCAG 1.4.11
// asks 3:1 of a graphic), and the rater types take Okabe and Ito's colour-blind-safe hues, darkened to
// reach that contrast. Colour is never the only cue: each series also has its own marker shape, a count
// below its target is hollow, and every chart has a table behind it.

/** The composite score and single-series charts: the project's red (6.6:1). */
export const COMPOSITE_COLOR = '#b71c1c';

/** What is done: the used part of a stacked bar (5.3:1). */
export const PROGRESS_COLOR = '#007a5a';

/** What is still to come: the unused part of a stacked bar, a light track under dark figures. */
export const TRACK_COLOR = '#e4dfda';

/** One colour and one marker per rater type, the same on every chart. */
export const RATER_STYLE: Record<string, { color: string; symbol: ChartSymbol }> = {
  superior: { color: '#0072b2', symbol: 'triangle' },
  peer: { color: '#007a5a', symbol: 'rect' },
  recipient: { color: '#a36b00', symbol: 'circle' },
};

export type ChartSymbol = 'circle' | 'triangle' | 'rect' | 'diamond';
