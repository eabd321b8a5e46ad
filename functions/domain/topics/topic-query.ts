/**
 * The boolean query language of a tracked topic's optional `query`: a second, keyword-level filter
 * on top of event-level matching, for topics whose vocabulary is too loose to trust on its own
 * ("rate" is a council tax rate as often as a central bank's).
 *
 * ```
 * query   := or
 * or      := and ("OR" and)*
 * and     := near (["AND"] near)*          adjacent operands are ANDed
 * near    := unary ("NEAR/" n unary)*       n from 1 to MAX_NEAR_DISTANCE
 * unary   := "NOT" unary | primary
 * primary := term | "quoted phrase" | "(" or ")"
 * ```
 *
 * Precedence is NOT > NEAR > AND > OR. Operators are upper-case so that "and", "or", "not" and
 * "near" stay searchable words. Matching is case-insensitive on whole words; a trailing `*` makes
 * the last word a prefix ("rate*" matches "rates"); punctuation inside a term or phrase separates
 * words exactly as it does in the text, so "sit-down" and "sit down" are the same phrase.
 *
 * Hand-written rather than generated: the grammar is tiny, and a recursive-descent parser gives
 * the precise "expected … at column N" messages a person editing a topic needs.
 */

export const MAX_NEAR_DISTANCE = 50;
/** Guards the recursion against a pathological definition from the table or the CLI. */
const MAX_NESTING = 32;
/** A one-letter prefix would match a large share of any text: certainly not what was meant. */
const MIN_PREFIX_LENGTH = 2;

export type TopicQuery =
  | { kind: 'term'; word: string; prefix: boolean }
  /** Two or more words in a row; `prefix` applies to the last one. */
  | { kind: 'phrase'; words: string[]; prefix: boolean }
  /** Both sides within `distance` words of each other (that many words between them at most), either order. */
  | { kind: 'near'; distance: number; left: TopicQuery; right: TopicQuery }
  | { kind: 'not'; operand: TopicQuery }
  | { kind: 'and'; operands: TopicQuery[] }
  | { kind: 'or'; operands: TopicQuery[] };

export class InvalidTopicQueryError extends Error {
  override readonly name = 'InvalidTopicQueryError';
  constructor(
    message: string,
    /** 1-based column in the query text where the problem is. */
    readonly column: number,
  ) {
    super(message);
  }
}

const LETTERS = /[^\p{L}\p{M}\p{N}]+/u;
// A possessive "’s" belongs to the word before it: "Trump’s" is a mention of "trump", and without
// this the stray "s" would also count as a word between two NEAR operands.
const POSSESSIVE = /['’ʼ]s(?![\p{L}\p{M}\p{N}])/gu;

/** The words of a text as the query language sees them: lower-case letters and digits. */
export const queryWords = (text: string): string[] =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(POSSESSIVE, '')
    .split(LETTERS)
    .filter((word) => word.length > 0);

// ---------------------------------------------------------------------------------------------
// Lexer

type Token =
  | { type: '(' | ')' | 'AND' | 'OR' | 'NOT'; text: string; column: number }
  | { type: 'NEAR'; text: string; column: number; distance: number }
  | { type: 'words'; text: string; column: number; node: TopicQuery };

/** Throws `expected <what> at column <n>[ <note>][, found <what was there>]`. */
const fail = (expected: string, column: number, found?: string, note?: string): never => {
  const where = `at column ${column}${note ? ` ${note}` : ''}`;
  throw new InvalidTopicQueryError(
    `expected ${expected} ${where}${found === undefined ? '' : `, found ${found}`}`,
    column,
  );
};

/** A term or a phrase from its text (without quotes); `column` is where its text starts. */
const wordsNode = (text: string, column: number): TopicQuery => {
  const star = text.indexOf('*');
  if (star !== -1 && star !== text.length - 1) {
    fail('* only at the end of a word', column + star);
  }
  const prefix = star !== -1;
  const words = queryWords(prefix ? text.slice(0, -1) : text);
  if (words.length === 0) fail('a word (letters or digits)', column, `"${text}"`);
  const last = words[words.length - 1] ?? '';
  if (prefix && (last.length < MIN_PREFIX_LENGTH || LETTERS.test(text.charAt(star - 1)))) {
    fail(`at least ${MIN_PREFIX_LENGTH} letters before *`, column + star);
  }
  return words.length === 1 ? { kind: 'term', word: last, prefix } : { kind: 'phrase', words, prefix };
};

const tokenise = (query: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query.charAt(i);
    const column = i + 1;
    if (/\s/u.test(char)) {
      i += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char, text: char, column });
      i += 1;
    } else if (char === '"') {
      const close = query.indexOf('"', i + 1);
      if (close === -1) {
        fail(
          'a closing "',
          query.length + 1,
          'the end of the query',
          `for the phrase opened at column ${column}`,
        );
      }
      const inner = query.slice(i + 1, close);
      if (inner.trim() === '') fail('words inside the quotes', column + 1);
      tokens.push({
        type: 'words',
        text: query.slice(i, close + 1),
        column,
        node: wordsNode(inner, column + 1),
      });
      i = close + 1;
    } else {
      let end = i;
      while (end < query.length && !/[\s()"]/u.test(query.charAt(end))) end += 1;
      const text = query.slice(i, end);
      if (text === 'AND' || text === 'OR' || text === 'NOT') {
        tokens.push({ type: text, text, column });
      } else if (text === 'NEAR' || text.startsWith('NEAR/')) {
        const distance = /^NEAR\/(\d+)$/.exec(text)?.[1];
        if (distance === undefined) fail('a distance after NEAR (as in NEAR/5)', column, `"${text}"`);
        const n = Number(distance);
        if (n < 1 || n > MAX_NEAR_DISTANCE) {
          fail(`a distance from 1 to ${MAX_NEAR_DISTANCE} after NEAR/`, column + 5, `${distance}`);
        }
        tokens.push({ type: 'NEAR', text, column, distance: n });
      } else {
        tokens.push({ type: 'words', text, column, node: wordsNode(text, column) });
      }
      i = end;
    }
  }
  return tokens;
};

// ---------------------------------------------------------------------------------------------
// Parser

/** Nodes that stand for places in the text, so NEAR can measure the distance between them. */
const isPositional = (node: TopicQuery): boolean =>
  node.kind === 'term' ||
  node.kind === 'phrase' ||
  node.kind === 'near' ||
  (node.kind === 'or' && node.operands.every(isPositional));

const startsOperand = (token: Token | undefined) =>
  token !== undefined && (token.type === 'words' || token.type === '(' || token.type === 'NOT');

/**
 * Parses a topic query into its syntax tree, or throws InvalidTopicQueryError saying what was
 * expected and at which 1-based column, e.g. `expected a term after NOT at column 9, found ")"`.
 */
export const parseTopicQuery = (query: string): TopicQuery => {
  const tokens = tokenise(query);
  const endColumn = query.length + 1;
  let position = 0;
  let depth = 0;

  const peek = (): Token | undefined => tokens[position];
  const found = (token: Token | undefined) => (token ? `"${token.text}"` : 'the end of the query');
  const columnOf = (token: Token | undefined) => token?.column ?? endColumn;

  const primary = (after: Token | undefined): TopicQuery => {
    const token = peek();
    if (token?.type === 'words') {
      position += 1;
      return token.node;
    }
    if (token?.type === '(') {
      position += 1;
      depth += 1;
      if (depth > MAX_NESTING) fail(`at most ${MAX_NESTING} nested parentheses`, token.column);
      const inner = or(token);
      const close = peek();
      if (close?.type !== ')') {
        fail('")"', columnOf(close), found(close), `to close the "(" at column ${token.column}`);
      }
      position += 1;
      depth -= 1;
      return inner;
    }
    return fail(after ? `a term after ${after.text}` : 'a term', columnOf(token), found(token));
  };

  const unary = (after: Token | undefined): TopicQuery => {
    const token = peek();
    if (token?.type === 'NOT') {
      position += 1;
      return { kind: 'not', operand: unary(token) };
    }
    return primary(after);
  };

  const near = (after: Token | undefined): TopicQuery => {
    const leftStart = peek();
    let left = unary(after);
    for (let operator = peek(); operator?.type === 'NEAR'; operator = peek()) {
      if (!isPositional(left)) {
        fail(`a term or phrase before ${operator.text}`, columnOf(leftStart), found(leftStart));
      }
      position += 1;
      const rightStart = peek();
      const right = unary(operator);
      if (!isPositional(right)) {
        fail(`a term or phrase after ${operator.text}`, columnOf(rightStart), found(rightStart));
      }
      left = { kind: 'near', distance: operator.distance, left, right };
    }
    return left;
  };

  const and = (after: Token | undefined): TopicQuery => {
    const operands = [near(after)];
    for (;;) {
      const token = peek();
      if (token?.type === 'AND') {
        position += 1;
        operands.push(near(token));
      } else if (startsOperand(token)) {
        operands.push(near(undefined));
      } else {
        break;
      }
    }
    return operands.length === 1 && operands[0] ? operands[0] : { kind: 'and', operands };
  };

  const or = (after: Token | undefined): TopicQuery => {
    const operands = [and(after)];
    for (let token = peek(); token?.type === 'OR'; token = peek()) {
      position += 1;
      operands.push(and(token));
    }
    return operands.length === 1 && operands[0] ? operands[0] : { kind: 'or', operands };
  };

  const tree = or(undefined);
  const rest = peek();
  // Everything else that can follow an expression is consumed above: only a stray ")" is left.
  if (rest) fail('the end of the query', rest.column, found(rest));
  return tree;
};

// ---------------------------------------------------------------------------------------------
// Evaluation

interface QueryToken {
  word: string;
  /** Which of the texts the word came from: a phrase never runs from one sentence into the next. */
  segment: number;
}

/** A text prepared for evaluating queries against: built once per article, shared by all topics. */
export interface QueryTokens {
  tokens: QueryToken[];
  /** Word → its positions in `tokens`, ascending. */
  index: Map<string, number[]>;
}

/** Tokenises the texts (title, sentences …) in order; NEAR counts words across them. */
export const tokeniseForQuery = (texts: readonly string[]): QueryTokens => {
  const tokens: QueryToken[] = [];
  const index = new Map<string, number[]>();
  texts.forEach((text, segment) => {
    for (const word of queryWords(text)) {
      const positions = index.get(word);
      if (positions) positions.push(tokens.length);
      else index.set(word, [tokens.length]);
      tokens.push({ word, segment });
    }
  });
  return { tokens, index };
};

interface Span {
  start: number;
  end: number;
}

const positionsOf = (word: string, prefix: boolean, text: QueryTokens): number[] => {
  if (!prefix) return text.index.get(word) ?? [];
  const positions: number[] = [];
  for (const [candidate, at] of text.index) if (candidate.startsWith(word)) positions.push(...at);
  return positions.sort((a, b) => a - b);
};

const phraseSpans = (words: string[], prefix: boolean, text: QueryTokens): Span[] => {
  const [first = '', ...rest] = words;
  const spans: Span[] = [];
  for (const start of positionsOf(first, prefix && rest.length === 0, text)) {
    const segment = text.tokens[start]?.segment;
    const matches = rest.every((word, k) => {
      const token = text.tokens[start + k + 1];
      if (!token || token.segment !== segment) return false;
      return prefix && k === rest.length - 1 ? token.word.startsWith(word) : token.word === word;
    });
    if (matches) spans.push({ start, end: start + rest.length });
  }
  return spans;
};

/** Where a positional node occurs in the text. */
const spansOf = (node: TopicQuery, text: QueryTokens): Span[] => {
  switch (node.kind) {
    case 'term':
      return positionsOf(node.word, node.prefix, text).map((p) => ({ start: p, end: p }));
    case 'phrase':
      return phraseSpans(node.words, node.prefix, text);
    case 'or':
      return node.operands.flatMap((operand) => spansOf(operand, text));
    case 'near': {
      const rights = spansOf(node.right, text);
      const spans: Span[] = [];
      for (const a of spansOf(node.left, text)) {
        for (const b of rights) {
          // Words strictly between the two; overlapping occurrences (one word read as both
          // operands) are not two things near each other.
          const between = a.end < b.start ? b.start - a.end - 1 : b.end < a.start ? a.start - b.end - 1 : -1;
          if (between >= 0 && between <= node.distance) {
            spans.push({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });
          }
        }
      }
      return spans;
    }
    default:
      // The parser lets only positional nodes into NEAR (isPositional).
      return [];
  }
};

/** True when the tokenised text satisfies the query. */
export const evaluateTopicQuery = (node: TopicQuery, text: QueryTokens): boolean => {
  switch (node.kind) {
    case 'and':
      return node.operands.every((operand) => evaluateTopicQuery(operand, text));
    case 'or':
      return node.operands.some((operand) => evaluateTopicQuery(operand, text));
    case 'not':
      return !evaluateTopicQuery(node.operand, text);
    default:
      return spansOf(node, text).length > 0;
  }
};
