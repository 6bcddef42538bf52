import { describe, expect, it } from 'vitest';
import { DELIVERY_STATUS_WORDS, EVENT_TYPES, EVENT_WORDS } from '../../client/src/console/webhooks/webhook-words.ts';
import { WEBHOOK_DELIVERY_STATUSES } from '../../server/db/schema-webhooks.ts';
import { assertSafePayload, WEBHOOK_EVENT_TYPES } from '../../server/webhooks/webhook-events.ts';
import { checkEndpointUrl } from '../../server/webhooks/webhook-url.ts';

// The pure rules of webhooks (decision 019): which addresses are accepted, which payload keys refused, and
// that the console words every event type and delivery status the server knows.

describe('endpoint addresses', () => {
  it('take https anywhere, and plain http only to private hosts when allowed', () => {
    expect(checkEndpointUrl('https://hooks.example.org/p', false)).toBe('https://hooks.example.org/p');
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://localhost/x',
      'http://10.1.2.3/x',
      'http://192.168.0.9/x',
      'http://172.20.0.1/x',
      'http://[::1]:9/x',
      'http://hooks.internal/x',
    ])
      expect(checkEndpointUrl(url, true), url).toBe(new URL(url).toString());
  });

  it('refuse http to public hosts, http when not allowed, other schemes and credentials', () => {
    for (const [url, allow] of [
      ['http://127.0.0.1/x', false],
      ['http://example.org/x', true],
      ['http://172.32.0.1/x', true],
      ['ftp://127.0.0.1/x', true],
      ['file:///etc/passwd', true],
      ['https://u:p@example.org/', true],
      ['not a url', true],
    ] as const)
      expect(() => checkEndpointUrl(url, allow), url).toThrow(
        expect.objectContaining({ code: 'webhook_url_refused', status: 422 }),
      );
  });
});

describe('payload keys', () => {
  it('refuse anything that names ballot content, codes, tokens, phones or raisers, at any depth', () => {
    expect(() => assertSafePayload({ campaignId: 1, accepted: 5, problems: { solved: 1 } })).not.toThrow();
    for (const bad of [
      { ballotId: 'x' },
      { nested: [{ accessCode: 'x' }] },
      { raiserName: 'x' },
      { phone: '1' },
      { tokenHash: 'x' },
    ])
      expect(() => assertSafePayload(bad)).toThrow(/not allowed/);
  });
});

describe('the console words', () => {
  it('name every event type and delivery status in both languages', () => {
    expect([...EVENT_TYPES].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const type of WEBHOOK_EVENT_TYPES) expect(EVENT_WORDS[type].every((w) => w.length > 0)).toBe(true);
    for (const status of WEBHOOK_DELIVERY_STATUSES) expect(DELIVERY_STATUS_WORDS[status]).toHaveLength(2);
  });
});
