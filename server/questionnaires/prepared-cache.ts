import { prepareQuestionnaire, type PreparedQuestionnaire } from '../../surveys/prepare.ts';

type PrepareContext = Parameters<typeof prepareQuestionnaire>[1];

/**
 * Prepared questionnaires keyed by version and serving context. A stored version never changes, so an
 * entry never goes stale; the bound only keeps memory flat when many contexts (peer units) exist.
 */
export class PreparedQuestionnaireCache {
  private readonly entries = new Map<string, PreparedQuestionnaire>();

  constructor(private readonly maxEntries = 2000) {}

  get(
    questionnaire: { id: number; definition: string },
    context: NonNullable<PrepareContext>,
    contextKey: string,
  ): PreparedQuestionnaire {
    const key = `${questionnaire.id}|${contextKey}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const prepared = prepareQuestionnaire(JSON.parse(questionnaire.definition), context);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, prepared);
    return prepared;
  }
}
