import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a `json` webhook post (contracts/webhook.ts, WEBHOOK_HEADERS): HMAC-SHA256,
 * keyed with the webhook's secret, of `<timestamp>.<body>`. The timestamp is signed with the body
 * so a receiver that rejects old timestamps cannot be replayed an old alert.
 */
export const signWebhookBody = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** What a receiver does (the README shows it in five lines): compare in constant time. */
export const verifyWebhookSignature = (
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean => {
  const expected = Buffer.from(signWebhookBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};
