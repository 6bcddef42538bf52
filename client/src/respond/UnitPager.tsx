import { useCallback, useEffect, useRef, useState } from 'react';
import type { Model, PageModel } from 'survey-core';
import { Survey } from 'survey-react-ui';
import { t, type Lang } from '../shared/i18n.ts';
import { giveSameGrade } from './same-grade.ts';
import { pagerView, type PagerView } from './unit-pager-view.ts';
import type { PagedDefinition } from './unit-pages.ts';

// What a leader sees rating thirty units: one unit per page, where they are and how many are left, a
// one-tap grade for every item of the unit, and a way back to any unit they have passed.

/** Long enough to see the grades fill in, short enough not to wait for the next unit. */
const ADVANCE_AFTER_MS = 350;

interface UnitPagerProps {
  model: Model;
  paged: PagedDefinition;
  lang: Lang;
  /** Called with the page's name whenever the page changes, so a reload comes back to it. */
  onPosition: (pageName: string) => void;
}

/** The shortcut moved on from this unit: the next page says so and leads back. */
interface Advanced {
  from: PageModel;
  unitName: string;
  grade: string;
}

/** SurveyJS models are mutable by design: going to a page is a property write. */
function showPage(model: Model, page: PageModel): void {
  model.currentPage = page;
}

function localized(title: unknown, lang: Lang): string {
  if (title !== null && typeof title === 'object') {
    const texts = title as Record<string, unknown>;
    return t(lang, String(texts['default'] ?? ''), typeof texts['en'] === 'string' ? texts['en'] : undefined);
  }
  return String(title);
}

/** The pager's view, read again after every answer, page change and language switch. */
function usePagerView(model: Model, paged: PagedDefinition): PagerView {
  // The first read happens before survey-react-ui draws anything, so nothing is listening yet.
  const [view, setView] = useState(() => pagerView(model, paged));
  useEffect(() => {
    const update = () => setView(pagerView(model, paged));
    model.onValueChanged.add(update);
    model.onCurrentPageChanged.add(update);
    model.onLocaleChangedEvent.add(update);
    update();
    return () => {
      model.onValueChanged.remove(update);
      model.onCurrentPageChanged.remove(update);
      model.onLocaleChangedEvent.remove(update);
    };
  }, [model, paged]);
  return view;
}

function ProgressLine({ view, lang }: { view: PagerView; lang: Lang }) {
  const { index, total, rated, left } = view;
  const text = view.unit
    ? t(lang, `第 ${index + 1}/${total} 个单位，还剩 ${left} 个`, `Unit ${index + 1} of ${total}, ${left} left`)
    : rated === total
      ? t(lang, `${total} 个单位已全部评完`, `All ${total} units rated`)
      : t(lang, `还有 ${total - rated} 个单位未评完`, `${total - rated} units not yet rated`);
  return (
    <div className="unit-progress" data-testid="unit-progress">
      <p className="unit-progress-text" aria-live="polite">
        {text}
      </p>
      <progress
        max={total}
        value={rated}
        aria-label={t(lang, `已评 ${rated} 个，共 ${total} 个`, `${rated} of ${total} rated`)}
      />
    </div>
  );
}

export function UnitPager({ model, paged, lang, onPosition }: UnitPagerProps) {
  const view = usePagerView(model, paged);
  const [advanced, setAdvanced] = useState<Advanced | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    // survey-core scrolls its own top into view, below this header: go to the top of the page instead.
    const scroll = (_: Model, options: { allow: boolean }) => {
      options.allow = false;
    };
    const changed = (_: Model, options: { newCurrentPage: PageModel }) => {
      onPosition(options.newCurrentPage.name);
      window.clearTimeout(timer.current);
      window.scrollTo({ top: 0 });
      heading.current?.focus({ preventScroll: true });
    };
    // An item changed by hand after the shortcut: the person is editing this unit, so stay on it.
    const edited = () => window.clearTimeout(timer.current);
    model.onScrollToTop.add(scroll);
    model.onCurrentPageChanged.add(changed);
    model.onValueChanged.add(edited);
    return () => {
      model.onScrollToTop.remove(scroll);
      model.onCurrentPageChanged.remove(changed);
      model.onValueChanged.remove(edited);
      window.clearTimeout(timer.current);
    };
  }, [model, onPosition]);

  const { page, unit, scale, firstUnrated } = view;
  const unitName = unit ? localized(unit.title, lang) : '';
  const pages = model.visiblePages;
  // The notice belongs to the unit the shortcut moved on to, not to any page after it.
  const showAdvanced = advanced !== null && pages.indexOf(page) === pages.indexOf(advanced.from) + 1;

  const sameGrade = useCallback(
    (value: unknown, text: string) => {
      const from = model.currentPage as PageModel;
      giveSameGrade(from, value);
      window.clearTimeout(timer.current);
      if (model.isLastPage) return;
      // On to the next unit once the grades are seen; the notice there leads back to this one.
      timer.current = window.setTimeout(() => {
        if (model.currentPage !== from || !from.validate(false)) return;
        setAdvanced({ from, unitName, grade: text });
        model.nextPage();
      }, ADVANCE_AFTER_MS);
    },
    [model, unitName],
  );

  const goTo = (target: PageModel) => {
    setAdvanced(null);
    showPage(model, target);
  };

  return (
    <div className="unit-pager">
      <ProgressLine view={view} lang={lang} />
      {showAdvanced && (
        <p className="unit-advanced" role="status">
          {t(
            lang,
            `已将「${advanced.unitName}」各项评为“${advanced.grade}”。`,
            `All items of ${advanced.unitName} graded “${advanced.grade}”.`,
          )}{' '}
          <button type="button" className="link-button" onClick={() => goTo(advanced.from)}>
            {t(lang, '返回修改', 'Go back to change')}
          </button>
        </p>
      )}
      <div className="unit-heading">
        {!model.isFirstPage && (
          <button
            type="button"
            className="unit-back"
            onClick={() => model.prevPage()}
            aria-label={t(lang, '上一个单位', 'Previous unit')}
          >
            ‹
          </button>
        )}
        <h2 ref={heading} tabIndex={-1} data-testid="unit-name">
          {unit ? unitName : page.title || (view.afterUnits ? t(lang, '最后一步', 'Last step') : '')}
        </h2>
      </div>
      {view.index === 0 && model.description && <p className="muted unit-intro">{model.description}</p>}
      {view.afterUnits && firstUnrated && (
        <p className="notice notice-warn unit-unrated">
          {t(lang, '还有单位未评完：', 'Some units are not yet rated: ')}
          <button type="button" className="link-button" onClick={() => goTo(firstUnrated.page)}>
            {t(lang, `去评第 ${firstUnrated.index + 1} 个`, `go to unit ${firstUnrated.index + 1}`)}
          </button>
        </p>
      )}
      {scale && (
        <div className="same-grade" role="group" aria-labelledby="same-grade-label">
          <span id="same-grade-label" className="same-grade-label">
            {t(lang, '本单位各项同一评价', 'Same grade for every item')}
          </span>
          <div className="same-grade-options">
            {scale.map((grade) => (
              <button
                key={String(grade.value)}
                type="button"
                aria-pressed={view.current === grade.value}
                onClick={() => sameGrade(grade.value, grade.text)}
              >
                {grade.text}
              </button>
            ))}
          </div>
        </div>
      )}
      <Survey model={model} />
    </div>
  );
}
