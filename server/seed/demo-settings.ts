/**
 * The demo campaign's settings: weights as in many published schemes (service recipients 50%, leaders
 * 30%, peer units 20%). The scoring part follows the scoring module's settings schema.
 */
export const DEMO_SETTINGS = {
  weights: { superior: 0.3, peer: 0.2, recipient: 0.5 },
};
