import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ITEM_TYPE } from '../../functions/contracts/table-schema';
import type { CapturedPublish } from './emulators/sns/server';

export interface ReportEntities {
  people: string[];
  organizations: string[];
  places: string[];
}

export interface ReportArticle {
  key: string;
  title: string;
  publishedAt: string | null;
  summary: string[];
  entities: ReportEntities;
  wordCount?: number;
  /** Present when the body was over the analysis word budget: the words analysed. */
  analysedWords?: number;
  titleGenerated?: boolean;
  /** For entries of a feed or JSON list: which one. */
  entryId?: string;
  format?: string;
  summaryLine?: string;
  keyPhrases?: string[];
  dates?: { text: string; value: string }[];
  /** The content story ingest put it in (absent on items written before content stories). */
  storyId?: string;
  /** `copy`: a near-copy of an original of its story. */
  storyRole?: 'original' | 'copy';
  /** A copy: the article id (`<key>` or `<key>#<entry id>`) of the original it repeats. */
  copyOf?: string;
  /** The day it was ingested (`YYYY-MM-DD`): its date for story grouping when it has none of its own. */
  ingestedOn?: string;
}

/** A content story of the run: its articles in report order. */
export interface ReportStory {
  storyId: string;
  /** The title of its first original (by date, then report order). */
  title: string;
  /** Article ids: the key, and `#<entry id>` for an entry of a feed or JSON list. */
  articles: string[];
  copies: number;
}

export interface ReportAlert {
  topicId: string | null;
  articleKey: string | null;
  subject: string | null;
  message: string;
  /** Other attributes the alert function published (e.g. `certainty`) and, when the body has an Evidence section, its lines. */
  [extra: string]: unknown;
}

export interface ReportRejection {
  key: string;
  reason: string;
  detail?: string;
}

/** A key whose object was deleted: its tombstone. */
export interface ReportDeletion {
  key: string;
  deletedAt: string;
  sequencer: string;
}

export interface PipelineFailure {
  stage: 'ingest' | 'alert';
  /** The S3 key (ingest) or the stream record's eventID (alert). */
  id: string;
  articleKey?: string;
  error: string;
}

export interface PipelineReport {
  articles: ReportArticle[];
  alerts: ReportAlert[];
  rejected: ReportRejection[];
  /** Every topic match and what became of it (absent in reports made before matches were kept). */
  matches?: ReportMatch[];
  /** Tombstones of deleted articles (absent in reports made before deletions were handled). */
  deleted?: ReportDeletion[];
  /** Invocations that still failed after the retries Lambda would make. */
  failures: PipelineFailure[];
  stats: {
    files: number;
    s3Events: number;
    ingestInvocations: number;
    streamRecords: number;
    alertBatches: number;
    itemsInTable: number;
    wallTimeMs: number;
  };
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];

const keyFromPk = (pk: unknown, prefix: string) =>
  typeof pk === 'string' && pk.startsWith(prefix) ? pk.slice(prefix.length) : String(pk);

/** Scans the whole table (paginated) and returns every item, unmarshalled. */
export async function scanTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) items.push(unmarshall(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

export function articlesFromItems(items: Record<string, unknown>[]): ReportArticle[] {
  return items
    .filter((item) => item.type === ITEM_TYPE.article)
    .map((item): ReportArticle => {
      const entities = (
        typeof item.entities === 'object' && item.entities !== null ? item.entities : {}
      ) as Record<string, unknown>;
      return {
        key: typeof item.key === 'string' ? item.key : keyFromPk(item.pk, 'ARTICLE#'),
        title: typeof item.title === 'string' ? item.title : '',
        publishedAt: typeof item.publishedAt === 'string' ? item.publishedAt : null,
        summary: strings(item.summary),
        entities: {
          people: strings(entities.people),
          organizations: strings(entities.organizations),
          places: strings(entities.places),
        },
        ...(typeof item.wordCount === 'number' ? { wordCount: item.wordCount } : {}),
        ...(typeof item.analysedWords === 'number' ? { analysedWords: item.analysedWords } : {}),
        ...(typeof item.titleGenerated === 'boolean' ? { titleGenerated: item.titleGenerated } : {}),
        ...(typeof item.entryId === 'string' ? { entryId: item.entryId } : {}),
        ...(typeof item.format === 'string' ? { format: item.format } : {}),
        ...(typeof item.summaryLine === 'string' ? { summaryLine: item.summaryLine } : {}),
        ...(Array.isArray(item.keyPhrases) ? { keyPhrases: strings(item.keyPhrases) } : {}),
        ...(typeof item.storyId === 'string' ? { storyId: item.storyId } : {}),
        ...(item.storyRole === 'original' || item.storyRole === 'copy'
          ? { storyRole: item.storyRole as 'original' | 'copy' }
          : {}),
        ...(item.storyRole === 'copy' && typeof item.copyOf === 'string' ? { copyOf: item.copyOf } : {}),
        ...(typeof item.ingestedAt === 'string' ? { ingestedOn: item.ingestedAt.slice(0, 10) } : {}),
        ...(Array.isArray(item.dates)
          ? {
              dates: (item.dates as Record<string, unknown>[])
                .filter((d) => typeof d?.text === 'string' && typeof d.value === 'string')
                .map((d) => ({ text: d.text as string, value: d.value as string })),
            }
          : {}),
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key) || (a.entryId ?? '').localeCompare(b.entryId ?? ''));
}

export function rejectionsFromItems(items: Record<string, unknown>[]): ReportRejection[] {
  return items
    .filter((item) => item.type === ITEM_TYPE.rejection)
    .map((item) => ({
      key: typeof item.key === 'string' ? item.key : keyFromPk(item.pk, 'REJECTION#'),
      reason: typeof item.reason === 'string' ? item.reason : 'unknown',
      ...(typeof item.detail === 'string' ? { detail: item.detail } : {}),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export function deletionsFromItems(items: Record<string, unknown>[]): ReportDeletion[] {
  return items
    .filter((item) => item.type === ITEM_TYPE.deletedArticle)
    .map((item) => ({
      key: typeof item.key === 'string' ? item.key : keyFromPk(item.pk, 'ARTICLE#'),
      deletedAt: typeof item.deletedAt === 'string' ? item.deletedAt : '',
      sequencer: typeof item.sequencer === 'string' ? item.sequencer : '',
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** The lines of the message's `Evidence:` section (up to the next blank line), if it has one. */
function evidenceLines(message: string): string[] | undefined {
  const lines = message.split('\n');
  const start = lines.findIndex((line) => line.trim() === 'Evidence:');
  if (start < 0) return undefined;
  const evidence: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    evidence.push(line.replace(/^-\s*/, ''));
  }
  return evidence;
}

/**
 * One published SNS message as a report entry. The alert function sends the topic id as the
 * `topic` attribute and the article's key as `articleKey`; a JSON body's `articleKey`/`key` and
 * `topicId`/`topic` are used when the attributes are absent.
 */
export function alertFromMessage(published: CapturedPublish): ReportAlert {
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(published.messageAttributes)) {
    if (value.stringValue !== undefined) {
      attributes[name] = value.dataType.startsWith('Number') ? Number(value.stringValue) : value.stringValue;
    } else if (value.binaryValue !== undefined) {
      attributes[name] = value.binaryValue;
    }
  }
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(published.message);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      body = parsed as Record<string, unknown>;
  } catch {
    // A plain-text body (what the alert function sends).
  }
  const pick = (...candidates: unknown[]) => {
    const found = candidates.find((candidate) => typeof candidate === 'string' && candidate !== '');
    return typeof found === 'string' ? found : null;
  };
  const { topic, articleKey, ...otherAttributes } = attributes;
  // MessageStructure=json: one body per protocol, as SNS delivers them; the report shows the
  // email body as the message and the SMS text beside it.
  const perProtocol = published.messageStructure === 'json';
  const message = perProtocol ? (pick(body.email, body.default) ?? published.message) : published.message;
  const sms = perProtocol ? pick(body.sms) : null;
  const evidence = evidenceLines(message);
  const alert: ReportAlert = {
    topicId: pick(topic, body.topicId, body.topic),
    articleKey: pick(articleKey, body.articleKey, body.key),
    subject: published.subject ?? null,
    message,
    ...(sms ? { sms } : {}),
  };
  const extras = {
    ...(perProtocol ? {} : body),
    ...otherAttributes,
    ...(evidence === undefined ? {} : { evidence }),
  };
  for (const [name, value] of Object.entries(extras)) {
    if (!Object.hasOwn(alert, name)) alert[name] = value;
  }
  return alert;
}

/** A topic match as the alert function recorded it, and what became of it. */
export interface ReportMatch {
  topicId: string;
  articleKey: string;
  certainty: string;
  storyId: string;
  outcome: string;
}

/** Every Match item: alerted, duplicate of a story already alerted, below minimum, or digest. */
export function matchesFromItems(items: Record<string, unknown>[]): ReportMatch[] {
  return items
    .filter((item) => item.type === ITEM_TYPE.match)
    .map((item) => ({
      topicId: String(item.topicId),
      articleKey: String(item.articleKey),
      certainty: String(item.certainty),
      storyId: String(item.storyId),
      outcome: String(item.outcome),
    }))
    .sort((a, b) => a.articleKey.localeCompare(b.articleKey) || a.topicId.localeCompare(b.topicId));
}

/** An article's id as stories and copies name it: the key, and `#<entry id>` for an entry. */
const articleId = (article: Pick<ReportArticle, 'key' | 'entryId'>) =>
  article.entryId ? `${article.key}#${article.entryId}` : article.key;

/** The article's date as story grouping sees it: published, else ingested; undated last. */
const storyDate = (article: ReportArticle) => article.publishedAt ?? article.ingestedOn ?? '9999';

/** The content stories of the articles, in the order their first article appears in the report. */
export function storiesFromArticles(articles: readonly ReportArticle[]): ReportStory[] {
  const byStory = new Map<string, ReportArticle[]>();
  for (const article of articles) {
    if (article.storyId === undefined) continue;
    const members = byStory.get(article.storyId);
    if (members) members.push(article);
    else byStory.set(article.storyId, [article]);
  }
  return [...byStory].map(([storyId, members]) => {
    const originals = members.filter((article) => article.storyRole !== 'copy');
    const first = [...(originals.length > 0 ? originals : members)].sort((a, b) =>
      storyDate(a).localeCompare(storyDate(b)),
    )[0] as ReportArticle;
    return {
      storyId,
      title: first.title,
      articles: members.map(articleId),
      copies: members.length - originals.length,
    };
  });
}

const OUTCOME_TEXT: Record<string, string> = {
  sent: 'alert sent',
  duplicate: 'story already alerted at this certainty: no alert',
  'below-minimum': "below the topic's minimum certainty: no alert",
  'side-mention': 'a side mention in the body, not what the article reports: no alert',
  digest: 'queued for the daily digest (npx newswatch --local digest)',
  backfill: 'found by reprocess --topics-only against the stored article: never alerts',
};

/** The `--json` document: exactly the fields of the public report contract. */
export function toJsonReport(report: PipelineReport): {
  articles: Pick<
    ReportArticle,
    'key' | 'entryId' | 'title' | 'publishedAt' | 'summary' | 'entities' | 'storyId' | 'storyRole' | 'copyOf'
  >[];
  alerts: ReportAlert[];
  rejected: Pick<ReportRejection, 'key' | 'reason'>[];
  stories: Pick<ReportStory, 'storyId' | 'title' | 'articles'>[];
} {
  return {
    articles: report.articles.map(
      ({ key, entryId, title, publishedAt, summary, entities, storyId, storyRole, copyOf }) => ({
        key,
        ...(entryId ? { entryId } : {}),
        title,
        publishedAt,
        summary,
        entities,
        ...(storyId ? { storyId } : {}),
        ...(storyRole ? { storyRole } : {}),
        ...(copyOf ? { copyOf } : {}),
      }),
    ),
    alerts: report.alerts,
    rejected: report.rejected.map(({ key, reason }) => ({ key, reason })),
    stories: storiesFromArticles(report.articles).map(({ storyId, title, articles }) => ({
      storyId,
      title,
      articles,
    })),
  };
}

const list = (values: string[]) => (values.length === 0 ? '-' : values.join(', '));

/** The human-readable report `npm start` prints. */
export function formatHumanReport(report: PipelineReport): string {
  const out: string[] = [];
  out.push(`Articles (${report.articles.length})`, '');
  for (const article of report.articles) {
    out.push(`  ${article.title}`);
    out.push(
      `  ${article.publishedAt ?? 'date unknown'}  ·  ${article.key}${article.entryId ? ` #${article.entryId}` : ''}` +
        `${article.format ? `  ·  ${article.format}` : ''}${article.wordCount === undefined ? '' : `  ·  ${article.wordCount} words`}`,
    );
    for (const sentence of article.summary) out.push(`    • ${sentence}`);
    out.push(`    people: ${list(article.entities.people)}`);
    out.push(`    organizations: ${list(article.entities.organizations)}`);
    out.push(`    places: ${list(article.entities.places)}`);
    if (article.dates?.length)
      out.push(`    dates: ${list(article.dates.map((d) => `${d.text} → ${d.value}`))}`);
    if (article.keyPhrases?.length) out.push(`    key phrases: ${list(article.keyPhrases)}`);
    out.push('');
  }
  const stories = storiesFromArticles(report.articles);
  if (stories.length > 0) {
    out.push(`Stories (${stories.length})`, '');
    for (const story of stories) {
      const copies = story.copies === 0 ? '' : `  ·  ${story.copies} cop${story.copies === 1 ? 'y' : 'ies'}`;
      out.push(`  ${story.title}`);
      out.push(
        `  ${story.storyId}  ·  ${story.articles.length} article${story.articles.length === 1 ? '' : 's'}${copies}`,
      );
    }
    out.push('');
  }
  out.push(`Alerts (${report.alerts.length})`, '');
  for (const alert of report.alerts) {
    out.push(`  [${alert.topicId ?? '?'}] ${alert.subject ?? '(no subject)'}  ·  ${alert.articleKey ?? '?'}`);
    for (const line of alert.message.split('\n')) out.push(`    ${line}`);
    out.push('');
  }
  if (report.matches?.length) {
    out.push(`Matches (${report.matches.length})`, '');
    for (const match of report.matches) {
      out.push(
        `  [${match.topicId}] ${match.articleKey}: ${match.certainty}, story ${match.storyId}, ${OUTCOME_TEXT[match.outcome] ?? match.outcome}`,
      );
    }
    out.push('');
  }
  out.push(`Rejected (${report.rejected.length})`, '');
  for (const rejection of report.rejected) {
    out.push(`  ${rejection.key}: ${rejection.reason}${rejection.detail ? ` (${rejection.detail})` : ''}`);
  }
  if (report.rejected.length > 0) out.push('');
  if (report.deleted?.length) {
    out.push(`Deleted (${report.deleted.length})`, '');
    for (const deletion of report.deleted) out.push(`  ${deletion.key} (at ${deletion.deletedAt})`);
    out.push('');
  }
  if (report.failures.length > 0) {
    out.push(`Failed (${report.failures.length})`, '');
    for (const failure of report.failures) {
      out.push(`  ${failure.stage} ${failure.articleKey ?? failure.id}: ${failure.error}`);
    }
    out.push('');
  }
  out.push(formatTally(report));
  return `${out.join('\n')}\n`;
}

export function formatTally(report: PipelineReport): string {
  const seconds = (report.stats.wallTimeMs / 1000).toFixed(1);
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return (
    `newswatch: ${count(report.stats.files, 'file')} → ${count(report.articles.length, 'article')}, ` +
    `${count(report.alerts.length, 'alert')}, ${report.rejected.length} rejected, ` +
    `${report.failures.length} failed in ${seconds} s`
  );
}
