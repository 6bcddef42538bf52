import { compileCondition } from './conditions.ts';
import type { Condition, Scope } from './types.ts';
import { describeValue, valueKey } from './values.ts';

export type ChoiceValue = string | number | boolean;

export interface ChoiceOption {
  readonly value: ChoiceValue;
  readonly key: string;
  readonly points: number | undefined;
  readonly notCounted: boolean;
  /** "None" and friends: may not be combined with other choices in a checkbox. */
  readonly exclusive: boolean;
  readonly visibleIf: Condition | null;
  readonly enableIf: Condition | null;
}

/** The subset of survey-core's ItemValue this module reads. */
export interface ItemLike {
  readonly value: unknown;
  readonly visibleIf?: string;
  readonly enableIf?: string;
  readonly isExclusive?: boolean;
  getPropertyValue(name: string): unknown;
}

export type Verdict = { ok: true; option: ChoiceOption } | { ok: false; wrongType: boolean; detail: string };

export class ChoiceSet {
  private readonly byKey: Map<string, ChoiceOption>;
  /** Conditions make the allowed set depend on the answers; without them one lookup suffices. */
  private readonly conditional: boolean;

  constructor(
    readonly options: readonly ChoiceOption[],
    private readonly choicesVisibleIf: Condition | null = null,
    private readonly choicesEnableIf: Condition | null = null,
  ) {
    this.byKey = new Map(options.map((option) => [option.key, option]));
    this.conditional =
      choicesVisibleIf !== null || choicesEnableIf !== null || options.some((o) => o.visibleIf || o.enableIf);
  }

  get hasPoints(): boolean {
    return this.options.some((option) => option.points !== undefined);
  }

  judge(value: unknown, scope: Scope): Verdict {
    const key = valueKey(value);
    const option = key === null ? undefined : this.byKey.get(key);
    if (option === undefined) return this.refuse(value);
    if (this.conditional && !this.offered(option, scope)) {
      return {
        ok: false,
        wrongType: false,
        detail: `${describeValue(value)} was not offered (the choice is hidden or disabled)`,
      };
    }
    return { ok: true, option };
  }

  private offered(option: ChoiceOption, scope: Scope): boolean {
    if (option.visibleIf && !option.visibleIf.holds(scope)) return false;
    if (option.enableIf && !option.enableIf.holds(scope)) return false;
    const withItem = (): Record<string, unknown> => ({ ...scope(), item: option.value });
    if (this.choicesVisibleIf && !this.choicesVisibleIf.holds(withItem)) return false;
    if (this.choicesEnableIf && !this.choicesEnableIf.holds(withItem)) return false;
    return true;
  }

  private refuse(value: unknown): Verdict {
    const sameText = this.options.find((option) => String(option.value) === String(value));
    if (sameText !== undefined || valueKey(value) === null) {
      const expected = sameText
        ? `the ${typeof sameText.value} ${JSON.stringify(sameText.value)}`
        : this.expectedTypes();
      return { ok: false, wrongType: true, detail: `${describeValue(value)} has the wrong type; expected ${expected}` };
    }
    return { ok: false, wrongType: false, detail: `${describeValue(value)} is not one of the choices ${this.list()}` };
  }

  private expectedTypes(): string {
    const types = [...new Set(this.options.map((option) => typeof option.value))];
    return types.length === 0 ? 'no value (there are no choices)' : `a ${types.join(' or ')}`;
  }

  private list(): string {
    const shown = this.options.slice(0, 12).map((option) => JSON.stringify(option.value));
    return `[${shown.join(', ')}${this.options.length > 12 ? ', …' : ''}]`;
  }
}

export function optionFromItem(item: ItemLike, exclusive = false): ChoiceOption | string {
  const value = item.value;
  const key = valueKey(value);
  if (key === null) return `choice value ${JSON.stringify(value)} must be a string, number or boolean`;
  const points = item.getPropertyValue('pyPoints');
  return {
    value: value as ChoiceValue,
    key,
    points: typeof points === 'number' && Number.isFinite(points) ? points : undefined,
    notCounted: item.getPropertyValue('pyNotCounted') === true,
    exclusive: exclusive || item.isExclusive === true,
    visibleIf: compileCondition(item.visibleIf),
    enableIf: compileCondition(item.enableIf),
  };
}
