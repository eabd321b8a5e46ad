import type { ArticleRecord } from '../ports/records';

/**
 * The Article item bounded by construction. DynamoDB refuses items over 400 KB, and the item is
 * written twice (table and gsi1) at a write unit per KB, so every stored string has a budget and
 * the whole item one well under the limit. An item over it is trimmed, least useful parts first,
 * never sent oversize: the analysis of a hostile input (a 300 KB token, a megabyte with no full
 * stop) still stores as an article.
 */

/** Characters per stored string, by what it is for. */
export const STRING_BUDGET = {
  title: 300,
  /** A summary sentence; the SMS line has its own, shorter cut (140). */
  sentence: 600,
  summaryLine: 300,
  /** A name, key phrase, date expression or cue. */
  term: 120,
  author: 200,
  source: 200,
  url: 2048,
} as const;

/** The whole item as JSON, in bytes: a sixth of DynamoDB's limit, 16 write units at the most. */
export const ITEM_BUDGET_BYTES = 64 * 1024;

const cut = (text: string, budget: number) =>
  text.length <= budget ? text : `${text.slice(0, budget - 1).trimEnd()}…`;
const cutAll = (texts: readonly string[], budget: number) => texts.map((t) => cut(t, budget));

/** Bytes of the item's JSON: over-estimates DynamoDB's own count (quotes, braces), never under. */
export const itemBytes = (record: unknown) => Buffer.byteLength(JSON.stringify(record), 'utf8');

const withStringBudgets = ({ url, ...record }: ArticleRecord): ArticleRecord => ({
  ...record,
  // A URL cut short is no URL: one over its budget is dropped.
  ...(url === undefined || url.length > STRING_BUDGET.url ? {} : { url }),
  title: cut(record.title, STRING_BUDGET.title),
  ...(record.author === undefined ? {} : { author: cut(record.author, STRING_BUDGET.author) }),
  ...(record.source === undefined ? {} : { source: cut(record.source, STRING_BUDGET.source) }),
  summary: cutAll(record.summary, STRING_BUDGET.sentence),
  summaryLine: cut(record.summaryLine, STRING_BUDGET.summaryLine),
  entities: {
    people: cutAll(record.entities.people, STRING_BUDGET.term),
    organizations: cutAll(record.entities.organizations, STRING_BUDGET.term),
    places: cutAll(record.entities.places, STRING_BUDGET.term),
  },
  entityDetails: record.entityDetails.map((detail) => ({
    ...detail,
    name: cut(detail.name, STRING_BUDGET.term),
    aliases: cutAll(detail.aliases, STRING_BUDGET.term),
  })),
  dates: record.dates.map((date) => ({ ...date, text: cut(date.text, STRING_BUDGET.term) })),
  keyPhrases: cutAll(record.keyPhrases, STRING_BUDGET.term),
  matches: record.matches.map((match) => ({
    ...match,
    evidence: match.evidence.map((e) => ({
      ...e,
      sentence: cut(e.sentence, STRING_BUDGET.sentence),
      cues: cutAll(e.cues, STRING_BUDGET.term),
    })),
  })),
});

/**
 * Steps that shrink the item, least useful first: entity details (the names stay in `entities`),
 * then the long tails of the lists, then the summary to its lead sentence and the evidence to the
 * sentence that decided. Matches themselves are never dropped: they are what alerts.
 */
const TRIMS: ((record: ArticleRecord) => ArticleRecord)[] = [
  (r) => ({ ...r, entityDetails: [] }),
  (r) => ({ ...r, keyPhrases: r.keyPhrases.slice(0, 10), dates: r.dates.slice(0, 20) }),
  (r) => ({
    ...r,
    entities: {
      people: r.entities.people.slice(0, 20),
      organizations: r.entities.organizations.slice(0, 20),
      places: r.entities.places.slice(0, 20),
    },
  }),
  (r) => ({
    ...r,
    summary: r.summary.slice(0, 1),
    matches: r.matches.map((m) => ({ ...m, evidence: m.evidence.slice(0, 1) })),
  }),
  (r) => ({ ...r, keyPhrases: [], dates: [], entities: { people: [], organizations: [], places: [] } }),
];

export interface BoundedRecord {
  record: ArticleRecord;
  /** The item's size as JSON, after any trimming. */
  bytes: number;
  /** How many trim steps it took (0: it fitted as analysed). */
  trimmed: number;
}

/** The record within every string budget and, trimmed as needed, within ITEM_BUDGET_BYTES. */
export const boundArticleRecord = (record: ArticleRecord, budget = ITEM_BUDGET_BYTES): BoundedRecord => {
  let bounded = withStringBudgets(record);
  let bytes = itemBytes(bounded);
  let trimmed = 0;
  for (const trim of TRIMS) {
    if (bytes <= budget) break;
    bounded = trim(bounded);
    bytes = itemBytes(bounded);
    trimmed += 1;
  }
  return { record: bounded, bytes, trimmed };
};
