import { ITEM_TYPE, MATCHED_ATTRIBUTE, TYPE_ATTRIBUTE } from '../../../functions/contracts/table-schema';

/**
 * A small evaluator for Lambda event-filtering patterns (the `FilterCriteria` of an event source
 * mapping), enough for the patterns Newswatch uses: nested objects, lists of literal values,
 * `{ prefix }`, `{ exists }` and `{ "anything-but": [...] }`. A record is passed to the function
 * when it matches the pattern; unmatched records are dropped, as Lambda does.
 */
export type FilterPattern = { [key: string]: FilterPattern | readonly FilterValue[] };
export type FilterValue =
  | string
  | number
  | boolean
  | null
  | { prefix: string }
  | { exists: boolean }
  | { 'anything-but': readonly (string | number)[] | string | number };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function matchesValue(rule: FilterValue, value: unknown, present: boolean): boolean {
  if (isObject(rule)) {
    if ('exists' in rule) return rule.exists === present;
    if (!present) return false;
    if ('prefix' in rule) return typeof value === 'string' && value.startsWith(rule.prefix);
    if ('anything-but' in rule) {
      const excluded = Array.isArray(rule['anything-but']) ? rule['anything-but'] : [rule['anything-but']];
      return !excluded.includes(value as string | number);
    }
    return false;
  }
  return present && value === rule;
}

export function matchesFilterPattern(pattern: FilterPattern, event: unknown): boolean {
  const target = isObject(event) ? event : {};
  return Object.entries(pattern).every(([key, rule]) => {
    const present = Object.hasOwn(target, key);
    const value = target[key];
    if (Array.isArray(rule)) {
      const values = Array.isArray(value) ? value : [value];
      return (rule as readonly FilterValue[]).some((entry) =>
        values.some((candidate) => matchesValue(entry, candidate, present)),
      );
    }
    return present && matchesFilterPattern(rule as FilterPattern, value);
  });
}

/**
 * The filter on the alert function's DynamoDB stream mapping, as the CDK stack declares it:
 * only inserts and updates of Article items that matched a topic reach the function.
 */
export const ALERT_STREAM_FILTER: FilterPattern = {
  eventName: ['INSERT', 'MODIFY'],
  dynamodb: {
    NewImage: { [TYPE_ATTRIBUTE]: { S: [ITEM_TYPE.article] }, [MATCHED_ATTRIBUTE]: { BOOL: [true] } },
  },
};
