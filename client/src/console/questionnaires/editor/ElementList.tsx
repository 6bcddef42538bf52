import { useEffect, useRef, useState } from 'react';
import type { RaterType } from '../../../../../scoring/rater-type.ts';
import { t, useLang } from '../../../shared/i18n.ts';
import { elementProblems } from './editor-checks.ts';
import {
  addableKinds,
  elementKeys,
  kindOf,
  sectionsOf,
  type Definition,
  type ElementRef,
  type Json,
  type QuestionKind,
} from './editor-model.ts';
import { addQuestion, deleteElement, moveElement, replaceElement, updateElement } from './editor-ops.ts';
import { ElementRow, type RowAction } from './ElementRow.tsx';
import type { PlacedProblem } from './server-problems.ts';
import { KIND_LABEL, typeLabel } from './type-labels.ts';

interface ElementListProps {
  readonly definition: Definition;
  readonly raterType: RaterType;
  readonly onChange: (definition: Definition, changedKey?: string) => void;
  readonly expanded: string | null;
  readonly onExpand: (key: string | null) => void;
  /** Whether to show the editor's own checks (after the first attempt to save). */
  readonly showChecks: boolean;
  readonly serverProblems: readonly PlacedProblem[];
}

/** The questions, page by page, with buttons to add, edit, move and delete them. */
export function ElementList({
  definition,
  raterType,
  onChange,
  expanded,
  onExpand,
  showChecks,
  serverProblems,
}: ElementListProps) {
  const lang = useLang();
  const entries = elementKeys(definition);
  const sections = sectionsOf(definition);
  const rows = useRef(new Map<string, HTMLLIElement>());
  const heading = useRef<HTMLHeadingElement>(null);
  // Where the focus goes once the list has re-rendered: a moved question keeps it on its button.
  const [focus, setFocus] = useState<{ key: string; action: RowAction } | null>(null);
  useEffect(() => {
    if (!focus) return;
    const row = rows.current.get(focus.key);
    const find = (action: RowAction) =>
      row?.querySelector<HTMLElement>(action === 'title' ? '.q-form input' : `[data-action="${action}"]`);
    let target = find(focus.action);
    if (target instanceof HTMLButtonElement && target.disabled) target = find(focus.action === 'up' ? 'down' : 'up');
    (target ?? heading.current)?.focus();
    setFocus(null);
  }, [focus, definition]);

  const keyAt = (ref: ElementRef, within: Definition) =>
    elementKeys(within).find((entry) => entry.ref.section === ref.section && entry.ref.index === ref.index)?.key;

  const add = (kind: QuestionKind) => {
    const after = entries.find((entry) => entry.key === expanded)?.ref;
    const added = addQuestion(definition, kind, raterType, after);
    onChange(added.definition);
    const key = keyAt(added.ref, added.definition);
    if (key) {
      onExpand(key);
      setFocus({ key, action: 'title' });
    }
  };
  const jsonOnly = entries.filter(({ element }) => kindOf(element) === null);

  return (
    <div className="q-list">
      <h3 ref={heading} tabIndex={-1}>
        {t(lang, `题目（${entries.length}）`, `Questions (${entries.length})`)}
      </h3>
      {jsonOnly.length > 0 && (
        <p className="notice q-json-only" data-testid="json-only">
          {t(lang, '以下题目仅可通过 JSON 编辑，保存时原样保留：', 'Edited as JSON only, and saved as they are: ')}
          {jsonOnly
            .map(({ element }) => {
              const json = element as Json;
              const [zh, en] = typeLabel(null, json['type']);
              return `${t(lang, zh, en)} ${String(json['name'] ?? '')}`.trim();
            })
            .join(t(lang, '、', ', '))}
        </p>
      )}
      {sections.map((section, s) => {
        const inSection = entries.filter((entry) => entry.ref.section === s);
        return (
          <section key={s} className="q-section">
            {sections.length > 1 && (
              <h4>
                {section.page === null
                  ? t(lang, '问卷顶层', 'Top level')
                  : t(lang, `第 ${section.page + 1} 页`, `Page ${section.page + 1}`)}
              </h4>
            )}
            {inSection.length === 0 && (
              <p className="muted">{t(lang, '本页还没有题目。', 'No questions on this page yet.')}</p>
            )}
            <ol className="q-items">
              {inSection.map(({ ref, element, key }) => {
                const position = entries.findIndex((entry) => entry.key === key);
                return (
                  <ElementRow
                    key={key}
                    element={element}
                    number={position + 1}
                    raterType={raterType}
                    first={position === 0}
                    last={position === entries.length - 1}
                    expanded={expanded === key}
                    problems={showChecks ? elementProblems(element, raterType) : []}
                    serverProblems={serverProblems.filter((problem) => problem.element === key)}
                    rowRef={(node) => {
                      if (node) rows.current.set(key, node);
                      else rows.current.delete(key);
                    }}
                    onToggle={() => onExpand(expanded === key ? null : key)}
                    onMove={(delta) => {
                      const moved = moveElement(definition, ref, delta);
                      if (!moved) return;
                      onChange(moved.definition);
                      setFocus({ key, action: delta === -1 ? 'up' : 'down' });
                    }}
                    onDelete={() => {
                      const neighbour = entries[position + 1] ?? entries[position - 1];
                      onChange(deleteElement(definition, ref));
                      if (expanded === key) onExpand(null);
                      setFocus(neighbour ? { key: neighbour.key, action: 'edit' } : null);
                      if (!neighbour) heading.current?.focus();
                    }}
                    onEdit={(edit) => onChange(updateElement(definition, ref, edit), key)}
                    onReplace={(json) => onChange(replaceElement(definition, ref, json), key)}
                  />
                );
              })}
            </ol>
          </section>
        );
      })}
      <div className="q-add" role="group" aria-label={t(lang, '添加题目', 'Add a question')}>
        <span>{t(lang, '添加：', 'Add: ')}</span>
        {addableKinds(raterType).map((kind) => (
          <button key={kind} type="button" className="button-secondary" onClick={() => add(kind)}>
            {t(lang, `+ ${KIND_LABEL[kind][0]}`, `+ ${KIND_LABEL[kind][1]}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
