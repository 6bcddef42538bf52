/**
 * The demo campaign's settings: weights as in many published schemes (service recipients 50%, leaders
 * 30%, peer units 20%). The scoring part follows the scoring module's settings schema.
 */
export const DEMO_SETTINGS = {
  scoring: {
    weights: { superior: 0.3, peer: 0.2, recipient: 0.5 },
    // Equal composites are split by the recipients' score, then by the number of ballots; still equal, they tie.
    tieBreaks: ['recipientScore', 'validBallots'],
    grading: {
      bands: [
        { grade: '满意', minScore: 85 },
        { grade: '比较满意', minScore: 75 },
        { grade: '基本满意', minScore: 60 },
        { grade: '不满意', minScore: 0 },
      ],
      // At most 30% of a ranked category may be 满意; the rest of them drop to 比较满意.
      quotas: [{ grade: '满意', maxShare: 0.3 }],
    },
  },
};
