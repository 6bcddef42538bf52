import type { Logger } from '../logger.ts';

/** Sends one text message. Real deployments plug in their carrier's or cloud vendor's SMS gateway here. */
export interface SmsProvider {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
}

/** Shows the last four digits only, as Chinese receipts do: 138****5678. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 4 ? '****' : `${digits.slice(0, Math.min(3, digits.length - 4))}****${digits.slice(-4)}`;
}

/** The default provider: writes each message to the log (with the phone masked) instead of sending it. */
export function createLogSmsProvider(logger: Logger): SmsProvider {
  return {
    name: 'log',
    async send(phone, text) {
      logger.info('sms (log provider: not sent)', { to: maskPhone(phone), text });
    },
  };
}
