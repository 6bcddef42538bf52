import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

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
});
