import type { Command } from 'commander';
import { checkRange, parseDay, parsePositiveInt, parseTopicId } from '../args';
import { UsageError } from '../errors';
import { cell, renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';

/** `articles`: the table's articles, newest first. */
export const registerArticles: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('articles')
    .description('list articles, newest first (gsi1 ARTICLES)')
    .option('--topic <id>', 'only articles that matched this topic', parseTopicId)
    .option('--entity <name>', 'only articles naming this person, organisation or place (or an alias)')
    .option('--from <YYYY-MM-DD>', 'published on or after', parseDay)
    .option('--to <YYYY-MM-DD>', 'published on or before', parseDay)
    .option('--limit <n>', 'at most this many', parsePositiveInt(10_000), 50)
    .action(
      async (
        opts: { topic?: string; entity?: string; from?: string; to?: string; limit: number },
        command: Command,
      ) => {
        checkRange(opts.from, opts.to);
        if (opts.entity !== undefined && opts.entity.trim() === '')
          throw new UsageError('--entity needs a name');
        await withBackend(command, async (backend, g) => {
          const { queryArticles } = await import('../../../functions/console-queries/article-queries');
          const rows = await queryArticles(await backend.table(), opts);
          print(
            g.json
              ? renderJson(rows)
              : renderTable(
                  ['published', 'key', 'title', 'people', 'places'],
                  rows.map((row) => [
                    row.publishedAt ?? '',
                    cell(row.key, 50),
                    cell(row.title, 60),
                    cell(row.entities.people.slice(0, 3).join(', '), 40),
                    cell(row.entities.places.slice(0, 3).join(', '), 30),
                  ]),
                  '(no articles)',
                ),
          );
        });
      },
    );
};
