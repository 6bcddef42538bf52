import type { api, ResponseOf } from '../shared/api.ts';
import { t, type Lang } from '../shared/i18n.ts';
import { dayText, PUBLIC_ACTION_WORDS, PUBLIC_ACTOR_WORDS, words } from './ledger-words.ts';

export type PublicEntry = ResponseOf<
  (typeof api.public.ledger.units)[':unitId']['$get']
>['problems'][number]['history'][number];

/** One public timeline entry: the day, what happened and by whom (the unit or the office, never a person). */
export function EntryLine({ lang, entry }: { lang: Lang; entry: PublicEntry }) {
  return (
    <>
      <span className="ledger-entry-what">
        {words(lang, PUBLIC_ACTION_WORDS[entry.action])}
        <span className="muted"> · {words(lang, PUBLIC_ACTOR_WORDS[entry.actor])}</span>
      </span>
      {entry.deadline?.to && (
        <span className="ledger-entry-deadline">
          {t(
            lang,
            `时限${entry.deadline.from ? `由${dayText(lang, entry.deadline.from)}` : ''}延至${dayText(lang, entry.deadline.to)}`,
            `deadline moved ${entry.deadline.from ? `from ${dayText(lang, entry.deadline.from)} ` : ''}to ${dayText(lang, entry.deadline.to)}`,
          )}
        </span>
      )}
      {entry.note && <span className="ledger-entry-note">{entry.note}</span>}
      {entry.evidence.length > 0 && (
        <span className="ledger-evidence">
          {entry.evidence.map((file, index) => (
            <a key={file.id} href={file.url} target="_blank" rel="noopener">
              {file.kind === 'photo' ? (
                <img
                  src={file.url}
                  alt={t(lang, `整改照片${index + 1}`, `Photo ${index + 1} of the fix`)}
                  loading="lazy"
                  width={96}
                  height={72}
                />
              ) : (
                t(lang, `PDF材料${index + 1}`, `PDF ${index + 1}`)
              )}
            </a>
          ))}
        </span>
      )}
    </>
  );
}

/** A problem's public history, oldest first. */
export function PublicHistory({ lang, history }: { lang: Lang; history: readonly PublicEntry[] }) {
  if (history.length === 0) return <p className="muted">{t(lang, '暂无公开记录。', 'No public entry yet.')}</p>;
  return (
    <ol className="ledger-history">
      {history.map((entry) => (
        <li key={entry.id}>
          <time dateTime={entry.day}>{dayText(lang, entry.day)}</time>
          <EntryLine lang={lang} entry={entry} />
        </li>
      ))}
    </ol>
  );
}
