import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../../../infra/paths';

/** Shared data beside the checkout (read-only; CI has it too). */
export const SHARED_SEEDS = path.resolve(REPO_ROOT, '../shared/seeds');
export const SEED_FILE = path.join(SHARED_SEEDS, '000_b24041950b01e9b9.txt');
export const seedAvailable = existsSync(SEED_FILE);
export const readSeed = () => readFileSync(SEED_FILE, 'utf8');

/** Our own seed articles, in the same format, committed with the project. */
export const OWN_SEEDS = path.join(REPO_ROOT, 'seeds', 'articles');

interface ArticleParts {
  /** `YYYY-MM-DD` (or anything, to test bad headers); omitted: no header. */
  date?: string;
  paragraphs: string[];
  /** Line ending; the format's own is "\n". */
  eol?: string;
  finalNewline?: boolean;
}

/** An article in the plain-text format: " date 2025-10-18 First paragraph…\n\nSecond…". */
export const articleText = ({ date, paragraphs, eol = '\n', finalNewline = false }: ArticleParts): string => {
  const header = date === undefined ? '' : ` date ${date} `;
  return header + paragraphs.join(eol + eol) + (finalNewline ? eol : '');
};

const TOPICS = [
  'The council approved a new budget for road repairs at its meeting in Leeds on Monday.',
  'Heavy rain flooded several streets near the river before engineers cleared the drains.',
  'A local school won a national science prize for its work on recycling plastic waste.',
  'Bus fares will rise by ten pence from January, the transport operator confirmed.',
  'Volunteers planted two thousand trees along the canal towpath over the weekend.',
  'The hospital opened a new maternity ward after three years of fundraising by residents.',
];

/** `n` (up to six) unrelated, summary-worthy sentences, one per paragraph. */
export const proseParagraphs = (n: number): string[] => TOPICS.slice(0, n);
