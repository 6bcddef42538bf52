import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { networkOf } from '../../server/http/client-address.ts';

describe('configuration', () => {
  it('has working defaults for every variable', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'file:./data/pingyi.sqlite',
      LOG_LEVEL: 'info',
      DEMO: 'on',
    });
    expect(config.SERVER_KEY).toBeUndefined();
    expect(config.KEY_FILE).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it('names the bad variable and how to fix it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty": must be a number/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL="mysql:\/\/x": must start with file:/,
    );
    expect(() => loadConfig({ SERVER_KEY: 'short' })).toThrow(/SERVER_KEY=.*at least 32 characters/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL=.*one of debug, info/);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: '70000', DEMO: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain('PORT="70000"');
      expect(String(error)).toContain('DEMO="maybe"');
    }
  });

  it('trusts proxies only by hop count or address, and refuses the ambiguous "on"', () => {
    expect(loadConfig({}).TRUST_PROXY).toEqual({ kind: 'off' });
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toEqual({ kind: 'hops', hops: 1 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).TRUST_PROXY).toEqual({
      kind: 'addresses',
      list: ['10.0.0.0/8', 'loopback'],
    });
    expect(() => loadConfig({ TRUST_PROXY: 'on' })).toThrow(/TRUST_PROXY="on": is ambiguous: say how many proxies/);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/"nginx" is neither/);
    expect(() => loadConfig({ TRUST_PROXY: '99' })).toThrow(/at most 10/);
  });

  it('asks for every SMS setting once a gateway is chosen', () => {
    expect(loadConfig({}).SMS_PROVIDER).toBe('none');
    const error = (() => {
      try {
        loadConfig({ SMS_PROVIDER: 'tencent', SMS_SECRET_ID: 'id' });
      } catch (e) {
        return String(e);
      }
      return '';
    })();
    for (const name of ['SMS_SECRET_KEY', 'SMS_APP_ID', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_ID']) {
      expect(error).toContain(`${name}="": is required when SMS_PROVIDER=tencent`);
    }
    expect(error).not.toContain('SMS_SECRET_ID=');
    expect(() => loadConfig({ SMS_TEMPLATE_PARAMS: 'code,phone' })).toThrow(/SMS_TEMPLATE_PARAMS=.*code, url/);
  });
});

describe('client networks for rate limits', () => {
  it('keeps IPv4, unmaps IPv4-mapped IPv6, and cuts IPv6 to its /64', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:3::1')).not.toBe(networkOf('2001:db8:1:2::1'));
    expect(networkOf('unknown')).toBe('unknown');
  });
});
