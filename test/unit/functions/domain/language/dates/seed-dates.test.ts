/**
 * Golden dates of the seed articles (seeds/articles, our own texts): every date the analysis
 * finds, with its sentence, value and granularity, in __golden__/. The analysis golden
 * (analysis-golden.test.ts) leaves dates out; this one makes each change of a date reviewable: a
 * deliberate change updates it (`npx vitest run -u <this file>`) with every changed line checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../../../../../functions/domain/analyse-article';
import { SEED_ARTICLES } from '../../../../../support/article-factories';

const files = readdirSync(SEED_ARTICLES)
  .filter((name) => name.endsWith('.txt'))
  .sort();

describe('dates of the seed articles', () => {
  it('are unchanged', async () => {
    const lines = files.flatMap((name) => {
      const analysed = analyseArticle(readFileSync(path.join(SEED_ARTICLES, name), 'utf8'));
      return [
        `${name} (published ${analysed.publishedAt ?? 'undated'})`,
        ...analysed.dates.map(
          (d) =>
            `  ${d.sentence}: ${JSON.stringify(d.text)} → ${d.value} ${d.granularity}${d.relative ? ' relative' : ''}${d.present ? ' present' : ''}`,
        ),
      ];
    });
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__golden__/seed-dates.snap');
  });
});
