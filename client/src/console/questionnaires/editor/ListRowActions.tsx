import { useEffect, useRef, useState } from 'react';
import { t, useLang } from '../../../shared/i18n.ts';

type MoveButton = 'up' | 'down';

/**
 * After a move, the button that moved a row keeps the focus on the row's new place (or its twin, when
 * that one is now disabled at the end of the list), so reordering by keyboard never loses the place.
 */
export function useMoveFocus() {
  const [focus, setFocus] = useState<{ index: number; button: MoveButton } | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  useEffect(() => {
    if (!focus) return;
    const wanted = buttons.current.get(`${focus.index}:${focus.button}`);
    const other = buttons.current.get(`${focus.index}:${focus.button === 'up' ? 'down' : 'up'}`);
    (wanted && !wanted.disabled ? wanted : other)?.focus();
    setFocus(null);
  }, [focus]);
  return {
    buttonRef: (key: string) => (node: HTMLButtonElement | null) => {
      if (node) buttons.current.set(key, node);
      else buttons.current.delete(key);
    },
    /** Call with the move that was just made. */
    moved: (index: number, delta: -1 | 1) => setFocus({ index: index + delta, button: delta === -1 ? 'up' : 'down' }),
  };
}

interface ListRowActionsProps {
  readonly index: number;
  readonly count: number;
  /** What the row is ("选项 2"), for the buttons' names. */
  readonly label: string;
  readonly buttonRef: (key: string) => (node: HTMLButtonElement | null) => void;
  readonly onMove: (index: number, delta: -1 | 1) => void;
  readonly onRemove: () => void;
}

/** Move up, move down and remove, for one row of an editable list (options, matrix items). */
export function ListRowActions({ index, count, label, buttonRef, onMove, onRemove }: ListRowActionsProps) {
  const lang = useLang();
  return (
    <span className="q-option-actions">
      <button
        type="button"
        className="icon-button"
        ref={buttonRef(`${index}:up`)}
        disabled={index === 0}
        aria-label={t(lang, `上移${label}`, `Move ${label.toLowerCase()} up`)}
        title={t(lang, '上移', 'Move up')}
        onClick={() => onMove(index, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        ref={buttonRef(`${index}:down`)}
        disabled={index === count - 1}
        aria-label={t(lang, `下移${label}`, `Move ${label.toLowerCase()} down`)}
        title={t(lang, '下移', 'Move down')}
        onClick={() => onMove(index, 1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="icon-button danger"
        aria-label={t(lang, `删除${label}`, `Remove ${label.toLowerCase()}`)}
        title={t(lang, '删除', 'Remove')}
        onClick={onRemove}
      >
        ×
      </button>
    </span>
  );
}
