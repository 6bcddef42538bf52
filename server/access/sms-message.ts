/** One text message: a phone number and the values of the approved template's parameters, in order. */
export interface SmsMessage {
  /** E.164, e.g. +8613800138000. */
  phone: string;
  params: string[];
  /** Another approved template than the invitation's (SMS_TEMPLATE_ID), e.g. the follow-up one. */
  templateId?: string;
}

export type SmsSendResult = { sent: true } | { sent: false; reason: string };

/**
 * A real SMS gateway (a cloud vendor's or a carrier's), chosen by SMS_PROVIDER. Pingyi ships none
 * switched on: without one, SMS invitations are refused and nothing pretends to have been sent.
 */
export interface SmsGateway {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsSendResult>;
}

/** Shows the last four digits only, as Chinese receipts do: 138****5678 (for +8613812345678 too). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+86(?=1\d{10}$)/, '').replace(/\D/g, '');
  return digits.length <= 4 ? '****' : `${digits.slice(0, Math.min(3, digits.length - 4))}****${digits.slice(-4)}`;
}

const MAINLAND_MOBILE = /^1\d{10}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * A phone number as gateways want it (E.164), or null: an 11-digit mainland mobile gets +86, a number
 * already written +digits is kept; spaces and hyphens people paste are ignored.
 */
export function toE164(input: string): string | null {
  const phone = input.replace(/[\s-]/g, '');
  if (MAINLAND_MOBILE.test(phone)) return `+86${phone}`;
  return E164.test(phone) ? phone : null;
}

/**
 * Sends every message, at most `concurrency` at a time (a vendor limits requests per second), and
 * answers in the order given. A gateway that throws has not sent that message.
 */
export async function sendEach(
  gateway: SmsGateway,
  messages: readonly SmsMessage[],
  concurrency = 4,
): Promise<SmsSendResult[]> {
  const results: SmsSendResult[] = new Array(messages.length);
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const i = next++;
      results[i] = await gateway.send(messages[i]!).catch(() => ({ sent: false, reason: 'gateway_error' }) as const);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, messages.length) }, worker));
  return results;
}
