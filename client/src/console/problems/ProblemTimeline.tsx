import type { api, ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { formatTime } from '../ui.tsx';
import { StateChip } from './ProblemBits.tsx';
import { changeRows, changeValueText, eventText, fieldText } from './problem-words.ts';

type Problem = ResponseOf<(typeof api.problems)[':id']['$get']>;
type ProblemEvent = Problem['timeline'][number];
type Evidence = Problem['evidence'][number];

function actorText(lang: 'zh' | 'en', event: ProblemEvent): string {
  if (event.actor.kind === 'raiser') return t(lang, '问题提出人', 'The raiser');
  if (event.actor.kind === 'system') return t(lang, '系统', 'The system');
  return event.actor.name;
}

/**
 * The problem's whole history, oldest first, as recorded (never edited): when, who, what in words,
 * old → new state, the fields an edit changed, the note, the files of an evidence entry, and whether
 * the entry shows on the public ledger.
 */
export function ProblemTimeline({
  events,
  evidence,
  typeNames,
}: {
  events: readonly ProblemEvent[];
  evidence: readonly Evidence[];
  typeNames: ReadonlyMap<number, string>;
}) {
  const lang = useLang();
  if (events.length === 0) return <p className="muted">{t(lang, '暂无记录。', 'Nothing recorded yet.')}</p>;
  return (
    <ol className="problem-timeline" data-testid="timeline">
      {events.map((event) => {
        const changes = changeRows(event.changes);
        const files = evidence.filter((item) => item.eventId === event.id);
        const moved = event.fromState !== null && event.toState !== null && event.fromState !== event.toState;
        return (
          <li key={event.id} className={`timeline-entry action-${event.action}`}>
            <div className="timeline-head">
              <time dateTime={event.at}>{formatTime(event.at, lang)}</time>
              <span className="timeline-actor">{actorText(lang, event)}</span>
              <strong className="timeline-action">{eventText(lang, event.action)}</strong>
              {moved && (
                <span className="timeline-states">
                  <StateChip state={event.fromState!} />
                  <span aria-label={t(lang, '变为', 'to')}> → </span>
                  <StateChip state={event.toState!} />
                </span>
              )}
              {!moved && event.fromState === null && event.toState && <StateChip state={event.toState} />}
              <span className="badge">{event.public ? t(lang, '公开', 'public') : t(lang, '内部', 'internal')}</span>
            </div>
            {changes.length > 0 && (
              <ul className="timeline-changes">
                {changes.map(([field, old, now]) => (
                  <li key={field}>
                    {fieldText(lang, field)}
                    {t(lang, '：', ': ')}
                    {changeValueText(lang, field, old, typeNames)} → {changeValueText(lang, field, now, typeNames)}
                  </li>
                ))}
              </ul>
            )}
            {event.note && <p className="timeline-note">{event.note}</p>}
            {files.length > 0 && (
              <ul className="timeline-files">
                {files.map((file) => (
                  <li key={file.id}>
                    <a href={file.url} target="_blank" rel="noreferrer">
                      {file.fileName}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
