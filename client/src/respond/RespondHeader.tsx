import { t, useLang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import type { RatingSession } from './rating-session.ts';
import type { ShellNames } from './respond-shell.ts';

const RATER_TITLE: Record<RatingSession['raterType'], [string, string]> = {
  superior: ['上级领导评议', 'Evaluation by leaders'],
  peer: ['同级部门评议', 'Evaluation by peer units'],
  recipient: ['服务对象评议', 'Service-recipient evaluation'],
};

interface RespondHeaderProps {
  session: RatingSession | null;
  /** A peer code's own unit, which its holder rates as: shown to them alone, never kept with the ballot. */
  raterUnit?: { name: string; nameEn: string } | null;
  /** The names the server wrote into a QR page (respond-shell.ts), shown until the session is there. */
  shell?: ShellNames | null;
  /** The page's heading before a rating is open (the code form), so every page has its one h1. */
  title?: string;
}

/**
 * The red band on top of every respondent page: the campaign, and the unit or the kind of rating; a peer
 * also reads which unit they rate as. A leader's band names only their kind of rating.
 */
export function RespondHeader({ session, raterUnit, shell, title }: RespondHeaderProps) {
  const lang = useLang();
  const heading = session?.unit
    ? t(lang, session.unit.name, session.unit.nameEn)
    : session
      ? t(lang, ...RATER_TITLE[session.raterType])
      : shell?.unit
        ? t(lang, shell.unit.name, shell.unit.nameEn)
        : (title ?? null);
  const campaign = session?.campaign ?? shell?.campaign;
  return (
    <header className="respond-header">
      <div>
        <div className="respond-campaign">
          {campaign ? t(lang, campaign.name, campaign.nameEn) : t(lang, '评议', 'Pingyi')}
        </div>
        {heading && <h1 className="respond-unit">{heading}</h1>}
        {session?.raterType === 'peer' && raterUnit && (
          <p className="respond-rater" data-testid="rater-unit">
            {t(lang, `您代表 ${raterUnit.name} 评议`, `You rate as ${t(lang, raterUnit.name, raterUnit.nameEn)}`)}
          </p>
        )}
      </div>
      <LangSwitch />
    </header>
  );
}
