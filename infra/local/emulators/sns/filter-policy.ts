import { SnsError, type MessageAttributeValue } from './protocol';

/** Values a filter policy condition may hold: exact strings (or numbers), and a few operators. */
type FilterCondition =
  string | number | { 'anything-but': unknown } | { prefix: unknown } | { exists: unknown };

/**
 * Checks a `FilterPolicy` (message-attribute scope) the way SNS does for the subset the sink
 * evaluates, and returns it parsed: an object whose every value is a non-empty array of exact
 * strings or numbers, `{"anything-but": string | string[]}`, `{"prefix": string}` or
 * `{"exists": boolean}`. Anything else is refused rather than silently matched wrong.
 */
export function parseFilterPolicy(json: string): Record<string, FilterCondition[]> {
  const invalid = (reason: string) =>
    new SnsError('InvalidParameter', `Invalid parameter: FilterPolicy: ${reason}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalid('not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('expected a JSON object');
  }
  const policy: Record<string, FilterCondition[]> = {};
  for (const [name, conditions] of Object.entries(parsed as Record<string, unknown>)) {
    if (!Array.isArray(conditions) || conditions.length === 0) {
      throw invalid(`"${name}" must be a non-empty array`);
    }
    for (const condition of conditions as unknown[]) {
      if (typeof condition === 'string' || typeof condition === 'number') continue;
      const operator =
        typeof condition === 'object' && condition !== null ? Object.keys(condition) : undefined;
      const value =
        operator?.length === 1 ? (condition as Record<string, unknown>)[operator[0] as string] : null;
      const ok =
        operator?.length === 1 &&
        ((operator[0] === 'anything-but' &&
          (typeof value === 'string' ||
            (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')))) ||
          (operator[0] === 'prefix' && typeof value === 'string') ||
          (operator[0] === 'exists' && typeof value === 'boolean'));
      if (!ok) {
        throw invalid(
          `unsupported condition ${JSON.stringify(condition)} for "${name}" (the local sink evaluates exact values, anything-but, prefix and exists)`,
        );
      }
    }
    policy[name] = conditions as FilterCondition[];
  }
  return policy;
}

const conditionMatches = (condition: FilterCondition, value: string | undefined): boolean => {
  if (typeof condition === 'object' && 'exists' in condition)
    return condition.exists === (value !== undefined);
  if (value === undefined) return false;
  if (typeof condition === 'string') return condition === value;
  if (typeof condition === 'number') return Number(value) === condition;
  if ('prefix' in condition) return value.startsWith(condition.prefix as string);
  const excluded = condition['anything-but'];
  return Array.isArray(excluded) ? !excluded.includes(value) : excluded !== value;
};

/**
 * Whether a message with these attributes passes a subscription's filter policy: every policy key
 * must match (AND), any condition of a key may (OR); an absent attribute matches only
 * `{"exists": false}`. No policy lets everything through.
 */
export function matchesFilterPolicy(
  policyJson: string | undefined,
  attributes: Record<string, MessageAttributeValue>,
): boolean {
  if (policyJson === undefined) return true;
  const policy = parseFilterPolicy(policyJson);
  return Object.entries(policy).every(([name, conditions]) => {
    const attribute = attributes[name];
    const value = attribute?.dataType.startsWith('Binary') ? undefined : attribute?.stringValue;
    return conditions.some((condition) => conditionMatches(condition, value));
  });
}
