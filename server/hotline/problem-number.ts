// The public number of a problem heard on a visit, as the 12345 export shows it and the platform posts it
// back: `ZF-{visit id}-{seq}` (ZF for 走访). Stable: a visit's id and a problem's place in it never change.
// Pure, so the export, the post-back and the console all read and write it the same way.

const NUMBER = /^ZF-([1-9]\d{0,9})-([1-9]\d{0,3})$/;

/** The public number of problem `seq` of visit `visitId`. */
export function problemNumber(visitId: number, seq: number): string {
  return `ZF-${visitId}-${seq}`;
}

/** The visit id and seq a public number names, or null for text that is not one. */
export function parseProblemNumber(text: string): { visitId: number; seq: number } | null {
  const match = NUMBER.exec(text.trim().toUpperCase());
  if (!match) return null;
  const visitId = Number(match[1]);
  const seq = Number(match[2]);
  return visitId <= 2_147_483_647 ? { visitId, seq } : null;
}
