import { expect, it } from 'vitest';
import { t } from '../../client/src/shared/i18n.ts';
import { postersHtml } from '../../server/access/posters.ts';

// A unit, category or campaign the office named only in Chinese (issue 13, bug 4).

it('shows a name given only in Chinese in Chinese in the English UI, never as a blank', () => {
  expect(t('en', '市公安局', '')).toBe('市公安局');
  expect(t('en', '市公安局', '   ')).toBe('市公安局');
  expect(t('en', '市公安局', null)).toBe('市公安局');
  expect(t('en', '市公安局', 'Public Security Bureau')).toBe('Public Security Bureau');
  expect(t('zh', '市公安局', 'Public Security Bureau')).toBe('市公安局');
});

it('prints a poster for a unit without an English name without a blank in its English line', async () => {
  const html = await postersHtml(
    { name: '2026年度评议', slug: 'y2026' },
    [{ code: 'D1', name: '市公安局', nameEn: '' }],
    'https://pingyi.example',
  );
  expect(html).toContain('Scan to rate this service — anonymous');
  expect(html).not.toContain('Scan to rate  —');
});
