import type { RaterType } from '../../scoring/rater-type.ts';
import { PEER_TEMPLATE } from './peer.ts';
import { RECIPIENT_TEMPLATE } from './recipient.ts';
import { SUPERIOR_TEMPLATE } from './superior.ts';

/** The questionnaire a new campaign starts with for each rater type; all are frozen. */
export const DEFAULT_TEMPLATES: Readonly<Record<RaterType, object>> = Object.freeze({
  superior: SUPERIOR_TEMPLATE,
  peer: PEER_TEMPLATE,
  recipient: RECIPIENT_TEMPLATE,
});
