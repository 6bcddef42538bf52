import { api } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { useApi } from '../use-api.ts';

const TARGET_WORDS: Record<'enterprise' | 'village' | 'household', [string, string]> = {
  enterprise: ['企业', 'Enterprise'],
  village: ['村（社区）', 'Village or community'],
  household: ['住户', 'Households'],
};

/**
 * Where a problem transferred from a visit (三遍访) was heard: the record, the day, the team, whom they
 * visited, and the person who raised it only when they agreed to share their name (their phone, with the
 * same consent, is the item's contact).
 */
export function InboxVisit({ itemId }: { itemId: string }) {
  const lang = useLang();
  const visit = useApi(() => api.inbox[':id'].visit.$get({ param: { id: itemId } }), [itemId]);
  const v = visit.data;
  if (!v) return null;
  const target = t(lang, ...TARGET_WORDS[v.targetKind]);
  return (
    <>
      <div>
        <dt>{t(lang, '走访记录', 'Visit record')}</dt>
        <dd>
          {v.sourceRef} · {v.visitedOn}
          {v.team && ` · ${v.team}`}
        </dd>
      </div>
      <div>
        <dt>{t(lang, '走访对象', 'Visited')}</dt>
        <dd>
          {target}
          {v.target && `：${v.target}`}
          {v.township && t(lang, `（${v.township}）`, ` (${v.township})`)}
        </dd>
      </div>
      <div>
        <dt>{t(lang, '反映人', 'Raised by')}</dt>
        <dd>{v.raiserName ?? <span className="muted">{t(lang, '未同意公开', 'Not shared')}</span>}</dd>
      </div>
      {v.feedbackDueOn && (
        <div>
          <dt>{t(lang, '向群众反馈时限', 'Feedback to the person by')}</dt>
          <dd>{v.feedbackDueOn}</dd>
        </div>
      )}
    </>
  );
}
