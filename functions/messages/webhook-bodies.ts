import { WEBHOOK_HEADERS, type AlertPayload, type WebhookFormat } from '../contracts/webhook';
import { signWebhookBody } from './webhook-signature';

/**
 * The body a webhook is posted, per format: Slack Block Kit blocks (header, section with fields,
 * the evidence quoted, a button to the article), a Microsoft Teams message with an Adaptive Card
 * attachment (the shape Teams Workflows and incoming webhooks take), or the alert itself as JSON,
 * signed. Limits are the documented ones: Slack header text 150 characters, section text 3000,
 * button text 75; texts are cut rather than have the post rejected.
 */

const SLACK_HEADER_MAX = 150;
const SLACK_SECTION_MAX = 3000;
/** Evidence quoted per alert: the strongest few sentences tell why; the rest is in the article. */
const EVIDENCE_SHOWN = 3;

const cut = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/** Slack's mrkdwn treats these three as control characters: text must escape them. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const headlineOf = (alert: AlertPayload) =>
  alert.change === 'new'
    ? `${alert.topicName} (${alert.certainty})`
    : `Update: ${alert.topicName} now ${alert.certainty}${alert.previousCertainty ? `, was ${alert.previousCertainty}` : ''}`;

const evidenceOf = (alert: AlertPayload) => alert.evidence.slice(0, EVIDENCE_SHOWN);

export const slackBody = (alert: AlertPayload) => {
  const { article } = alert;
  const quote = evidenceOf(alert)
    .map((e) => `> (${e.certainty}) ${slackEscape(e.sentence)}`)
    .join('\n');
  return {
    // Notifications and clients that cannot show blocks show this.
    text: cut(`Newswatch: ${headlineOf(alert)}. ${article.title}`, SLACK_SECTION_MAX),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(headlineOf(alert), SLACK_HEADER_MAX) } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: cut(`*${slackEscape(article.title)}*`, SLACK_SECTION_MAX) },
        fields: [
          { type: 'mrkdwn', text: `*Certainty*\n${alert.certainty}` },
          { type: 'mrkdwn', text: `*Topic*\n${slackEscape(alert.topicName)}` },
          { type: 'mrkdwn', text: `*Published*\n${article.publishedAt ?? 'date unknown'}` },
          { type: 'mrkdwn', text: `*Source*\n${slackEscape(article.source ?? 'unknown')}` },
        ],
      },
      ...(quote ? [{ type: 'section', text: { type: 'mrkdwn', text: cut(quote, SLACK_SECTION_MAX) } }] : []),
      ...(article.url
        ? [
            {
              type: 'actions',
              elements: [
                { type: 'button', text: { type: 'plain_text', text: 'Read the article' }, url: article.url },
              ],
            },
          ]
        : []),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Newswatch topic \`${alert.topicId}\` · story ${alert.storyId}` }],
      },
    ],
  };
};

/** Adaptive Card 1.4: the highest version every Teams client renders. */
export const teamsBody = (alert: AlertPayload) => {
  const { article } = alert;
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: headlineOf(alert), size: 'Large', weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: article.title, weight: 'Bolder', wrap: true },
            {
              type: 'FactSet',
              facts: [
                { title: 'Certainty', value: alert.certainty },
                { title: 'Topic', value: alert.topicName },
                { title: 'Published', value: article.publishedAt ?? 'date unknown' },
                { title: 'Source', value: article.source ?? 'unknown' },
              ],
            },
            ...evidenceOf(alert).map((e) => ({
              type: 'TextBlock',
              text: `(${e.certainty}) ${e.sentence}`,
              isSubtle: true,
              wrap: true,
            })),
          ],
          ...(article.url
            ? { actions: [{ type: 'Action.OpenUrl', title: 'Read the article', url: article.url }] }
            : {}),
        },
      },
    ],
  };
};

export interface WebhookPost {
  body: string;
  headers: Record<string, string>;
}

/**
 * The request for one webhook: its format's body, and for `json` the timestamp and signature
 * headers (`secret` is required then; Slack and Teams URLs are their own credential).
 */
export const webhookPost = (
  format: WebhookFormat,
  alert: AlertPayload,
  options: { secret?: string; now: Date; deliveryId: string },
): WebhookPost => {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  if (format === 'slack') return { body: JSON.stringify(slackBody(alert)), headers: json };
  if (format === 'teams') return { body: JSON.stringify(teamsBody(alert)), headers: json };
  if (options.secret === undefined)
    throw new MissingWebhookSecretError('a json webhook is signed: no secret');
  const body = JSON.stringify(alert);
  const timestamp = String(Math.floor(options.now.getTime() / 1000));
  return {
    body,
    headers: {
      ...json,
      [WEBHOOK_HEADERS.delivery]: options.deliveryId,
      [WEBHOOK_HEADERS.timestamp]: timestamp,
      [WEBHOOK_HEADERS.signature]: signWebhookBody(options.secret, timestamp, body),
    },
  };
};

export class MissingWebhookSecretError extends Error {
  override readonly name = 'MissingWebhookSecretError';
}
