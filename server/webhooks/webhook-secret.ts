import { purposeKey } from '../crypto/keys.ts';
import { seal, unseal } from '../crypto/sealing.ts';
import type { WebhookEndpoint } from '../db/schema-webhooks.ts';

// An endpoint's signing secret is stored sealed under a key derived from the server key, which never
// enters the database: a copy of the database cannot forge deliveries (decision 019).

function endpointKey(serverKey: string): Buffer {
  return purposeKey(serverKey, 'webhook-endpoint');
}

export function sealWebhookSecret(serverKey: string, secret: string): string {
  return seal(endpointKey(serverKey), secret);
}

export function unsealWebhookSecret(serverKey: string, sealed: string): string {
  return unseal(endpointKey(serverKey), sealed);
}

/** The secrets a delivery is signed with now: the current one, and the previous one while it lasts. */
export function signingSecrets(
  serverKey: string,
  endpoint: Pick<WebhookEndpoint, 'secret_sealed' | 'previous_secret_sealed' | 'previous_secret_until'>,
  now: Date,
): string[] {
  const secrets = [unsealWebhookSecret(serverKey, endpoint.secret_sealed)];
  if (
    endpoint.previous_secret_sealed !== null &&
    endpoint.previous_secret_until !== null &&
    endpoint.previous_secret_until > now.toISOString()
  ) {
    secrets.push(unsealWebhookSecret(serverKey, endpoint.previous_secret_sealed));
  }
  return secrets;
}
