import { t, useLang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import type { RatingSession } from './rating-session.ts';

const RATER_TITLE: Record<RatingSession['raterType'], [string, string]> = {
  superior: ['上级领导评议', 'Evaluation by leaders'],
  peer: ['同级部门评议', 'Evaluation by peer units'],
  recipient: ['服务对象评议', 'Service-recipient evaluation'],
};

/** The red band on top of every respondent page: the campaign, and the unit or the kind of rating. */
export function RespondHeader({ session }: { session: RatingSession | null }) {
  const lang = useLang();
  const heading = session?.unit
    ? t(lang, session.unit.name, session.unit.nameEn)
    : session
      ? t(lang, ...RATER_TITLE[session.raterType])
      : null;
  return (
    <header className="respond-header">
      <div>
        <div className="respond-campaign">
          {session ? t(lang, session.campaign.name, session.campaign.nameEn) : t(lang, '评议', 'Pingyi')}
        </div>
        {heading && <h1 className="respond-unit">{heading}</h1>}
      </div>
      <LangSwitch />
    </header>
  );
}
