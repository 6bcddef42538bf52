import fc from 'fast-check';

/** A non-Pingyi SurveyJS definition exercising the parts of survey-core the validator mirrors. */
export const GENERAL_DEFINITION = {
  calculatedValues: [{ name: 'total', expression: '{score} + 1', includeIntoResult: true }],
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'role', isRequired: true, choices: ['citizen', 'company'] },
        { type: 'text', name: 'companyName', visibleIf: "{role} = 'company'", isRequired: true, maxLength: 50 },
        { type: 'rating', name: 'score', isRequired: true, rateMin: 1, rateMax: 10 },
        {
          type: 'matrix',
          name: 'grid',
          eachRowRequired: true,
          columns: [{ value: 1, text: 'bad' }, 2, 3],
          rows: ['speed', 'clarity'],
        },
        {
          type: 'matrixdropdown',
          name: 'md',
          rows: ['r1', 'r2'],
          columns: [
            { name: 'level', cellType: 'dropdown', choices: ['low', 'high'], isRequired: true },
            { name: 'note', cellType: 'text', maxLength: 20 },
            { name: 'ok', cellType: 'boolean' },
          ],
        },
        {
          type: 'paneldynamic',
          name: 'visits',
          maxPanelCount: 3,
          templateElements: [
            { type: 'text', name: 'place', isRequired: true, maxLength: 30 },
            { type: 'dropdown', name: 'kind', choices: ['home', 'office'], isRequired: true },
            { type: 'comment', name: 'why', visibleIf: "{panel.kind} = 'office'" },
          ],
        },
        { type: 'checkbox', name: 'topics', choices: ['a', 'b', 'c'], maxSelectedChoices: 2 },
        { type: 'expression', name: 'double', expression: '{score} * 2' },
        { type: 'text', name: 'age', inputType: 'number', min: 18, max: 120 },
      ],
    },
  ],
};

export const GENERAL_REQUIRED = ['role', 'score', 'grid', 'md'] as const;

const text = (max: number) => fc.string({ minLength: 1, maxLength: max });
const cells = fc.record(
  { level: fc.constantFrom('low', 'high'), note: text(20), ok: fc.boolean() },
  { requiredKeys: ['level'] },
);
const visit = fc.oneof(
  fc.record({ place: text(30), kind: fc.constant('home') }),
  fc.record({ place: text(30), kind: fc.constant('office'), why: text(200) }, { requiredKeys: ['place', 'kind'] }),
);

/** Valid answers: every visible required question answered, every value allowed. */
export const generalAnswers = fc
  .record(
    {
      role: fc.constantFrom('citizen', 'company'),
      companyName: text(50),
      score: fc.integer({ min: 1, max: 10 }),
      grid: fc.record({ speed: fc.constantFrom(1, 2, 3), clarity: fc.constantFrom(1, 2, 3) }),
      md: fc.record({ r1: cells, r2: cells }),
      visits: fc.array(visit, { minLength: 1, maxLength: 3 }),
      topics: fc.subarray(['a', 'b', 'c'], { minLength: 1, maxLength: 2 }),
      age: fc.integer({ min: 18, max: 120 }),
    },
    { requiredKeys: ['role', 'score', 'grid', 'md'] },
  )
  .map((answers) => {
    const { companyName, ...rest } = answers;
    return answers.role === 'company' ? { ...rest, companyName: companyName ?? 'ACME' } : rest;
  });
