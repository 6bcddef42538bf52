import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { SmsGateway } from './sms-message.ts';
import { createTencentSmsGateway, tencentSettings } from './sms-tencent.ts';

/** The configured gateway, or null (said once in the log) when SMS_PROVIDER=none. */
export function createSmsGateway(config: Config, logger: Logger): SmsGateway | null {
  if (config.SMS_PROVIDER === 'none') {
    logger.info('sms: no gateway is configured (SMS_PROVIDER=none): SMS invitations are refused, none is sent');
    return null;
  }
  const settings = tencentSettings(config);
  logger.info('sms: Tencent Cloud SMS gateway', { region: settings.region, endpoint: new URL(settings.endpoint).host });
  return createTencentSmsGateway(settings, logger);
}
