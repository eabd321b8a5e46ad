import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ARTICLE_BYTES, MAX_ANALYSED_WORDS } from '../../../../../functions/contracts/limits';
import { onOneLine, type AnalysedLine, type RejectedLine } from '../../../../../infra/cli/commands/analyse';
import { runCli } from '../../../../../infra/cli/program';
import { REPO_ROOT } from '../../../../../infra/paths';
import { captureIo } from '../support';
import { gzip, singleByte } from '../../../../support/charsets';

const SEEDS = join(REPO_ROOT, 'seeds', 'articles');
const SHARED_SEED = join(REPO_ROOT, '..', 'shared', 'seeds', '000_b24041950b01e9b9.txt');
const hasSharedSeed = existsSync(SHARED_SEED);
if (!hasSharedSeed) console.warn(`analyse: the shared seed case is skipped: ${SHARED_SEED} not found.`);

const noBackend = () => {
  throw new Error('analyse made a backend: it must need no AWS, no Java and no table');
};

/** `newswatch <argv>` in this process, with backends that must never be made. */
const run = async (...argv: string[]) => {
  const io = captureIo();
  const code = await runCli(argv, { io, deployedBackend: noBackend, localBackend: noBackend });
  return { code, out: io.out(), err: io.err() };
};

/** A line of `analyse --json`, as the command declares it: an article's, or a rejection's. */
type Line = AnalysedLine & Partial<RejectedLine>;

/** Runs `analyse --json` and parses its stdout, one JSON value per line. */
const analyseJson = async (...argv: string[]) => {
  const result = await run('--json', 'analyse', ...argv);
  const lines = result.out === '' ? [] : result.out.trimEnd().split('\n');
  return { ...result, lines: lines.map((line) => JSON.parse(line) as Line) };
};

const summary = (line: Line) => line.matches.map((m) => `${m.topicId} ${m.certainty} ${m.alerts}`);

/** Our own articles: one that reports a possible meeting, one that mentions it on the side. */
const LEDE = 'Donald Trump could meet Kim Jong Un next week, officials said.\n';
const SIDE =
  'A storm closed three ports on Monday, the coastguard said. Ferries were cancelled until Wednesday. Donald Trump will meet Kim Jong Un in June.\n';

const fixedArticle = async (name: string, text: string) => {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
};

const ARTICLE_KEYS = [
  'file',
  'format',
  'title',
  'publishedAt',
  'author',
  'source',
  'url',
  'summary',
  'entities',
  'dates',
  'keyPhrases',
  'matches',
];

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newswatch-analyse-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('newswatch analyse --json', () => {
  it.skipIf(!hasSharedSeed)(
    'reads the shared seed as a speculative Trump–Kim summit that alerts',
    async () => {
      const { code, lines, err } = await analyseJson(SHARED_SEED);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(lines).toHaveLength(1);
      const [line] = lines as [Line];
      expect(Object.keys(line)).toEqual(ARTICLE_KEYS);
      expect(line.file).toBe(SHARED_SEED);
      expect(line.publishedAt).toBe('2025-10-18');
      expect(line.entities.people).toEqual(expect.arrayContaining(['Donald Trump', 'Kim Jong Un']));
      expect(summary(line)).toEqual(['trump-kim-summit speculative true']);
      expect(Object.keys(line.matches[0] ?? {})).toEqual([
        'topicId',
        'certainty',
        'alerts',
        'reported',
        'evidence',
      ]);
      expect(line.matches[0]?.evidence.length).toBeGreaterThan(0);
      expect(Object.keys(line.matches[0]?.evidence[0] ?? {})).toEqual([
        'sentence',
        'certainty',
        'cues',
        'site',
        'participants',
        'trigger',
      ]);
    },
  );

  it('gives one line per seed article, in file order, with the matches ingest stores', async () => {
    const { code, lines } = await analyseJson(SEEDS);
    expect(code).toBe(0);
    const names = (await readdir(SEEDS)).sort();
    expect(lines.map((line) => line.file)).toEqual(names.map((name) => join(SEEDS, name)));
    const byPrefix = (prefix: string) => lines.find((line) => line.file.includes(`/${prefix}`)) as Line;
    expect(summary(byPrefix('001-'))).toEqual(['trump-kim-summit speculative true']);
    // The near miss names both leaders but no meeting between them.
    expect(byPrefix('002-').entities.people).toEqual(expect.arrayContaining(['Donald Trump', 'Kim Jong Un']));
    expect(byPrefix('002-').matches.filter((m) => m.alerts)).toEqual([]);
    expect(summary(byPrefix('007-'))).toEqual(['trump-kim-summit planned true']);
    expect(summary(byPrefix('009-'))).toEqual(['fed-rate-decision speculative true']);
    expect(lines.every((line) => line.text === undefined && line.entryId === undefined)).toBe(true);
  });

  it('gives each entry of a feed its own line with its entry id', async () => {
    const item = (guid: string, title: string, body: string) =>
      `<item><guid>${guid}</guid><title>${title}</title><pubDate>Mon, 27 Oct 2025 09:00:00 GMT</pubDate><description>${body}</description></item>`;
    const feed = join(dir, 'wire.rss');
    await writeFile(
      feed,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${item(
        'wire-1',
        'Trump may meet Kim',
        'President Donald Trump could meet North Korean leader Kim Jong Un during his Asia tour, officials said. Neither side has confirmed a meeting.',
      )}${item(
        'wire-2',
        'Storm closes ports',
        'A storm closed three ports on Monday. Ferries were cancelled until Wednesday.',
      )}</channel></rss>`,
    );
    const { code, lines } = await analyseJson(feed);
    expect(code).toBe(0);
    expect(lines.map((line) => [line.file, line.entryId, line.format, line.title])).toEqual([
      [feed, 'wire-1', 'rss', 'Trump may meet Kim'],
      [feed, 'wire-2', 'rss', 'Storm closes ports'],
    ]);
    expect(Object.keys(lines[0] ?? {})).toEqual(['file', 'entryId', ...ARTICLE_KEYS.slice(1)]);
    expect(lines.map(summary)).toEqual([['trump-kim-summit speculative true'], []]);
  });

  it('reads files by their own charset declaration and inflates gzip, as ingest does without a Content-Type', async () => {
    const folder = join(dir, 'charsets');
    await mkdir(folder);
    const item = (title: string, body: string) =>
      `<item><guid>${title}</guid><title>${title}</title><description>${body}</description></item>`;
    await writeFile(
      join(folder, 'a-latin.xml'),
      singleByte(
        `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Notícias</title>${item(
          'Eleição em São Paulo',
          'A eleição para prefeito de São Paulo terá segundo turno, disse o tribunal na segunda-feira.',
        )}</channel></rss>`,
        'windows-1252',
      ),
    );
    await writeFile(
      join(folder, 'b-page.html.gz'),
      gzip(
        singleByte(
          `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Caf\u00e9 “prices” rise</title></head><body><article><p>Coffee prices in Zürich rose to 4.50 € a cup on Monday, the city’s statistics office said.</p></article></body></html>`,
          'windows-1252',
        ),
      ),
    );
    const { code, lines, err } = await analyseJson(folder);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(lines.map((line) => [line.format, line.title, line.summary.at(-1)])).toEqual([
      [
        'rss',
        'Eleição em São Paulo',
        'A eleição para prefeito de São Paulo terá segundo turno, disse o tribunal na segunda-feira.',
      ],
      [
        'html',
        'Café “prices” rise',
        'Coffee prices in Zürich rose to 4.50 € a cup on Monday, the city’s statistics office said.',
      ],
    ]);
  });

  it('prints what ingest would reject as a result, with its reason, and exits 0', async () => {
    const folder = join(dir, 'rejects');
    await mkdir(folder);
    await writeFile(join(folder, 'a-empty.txt'), '');
    await writeFile(
      join(folder, 'b-photo.jpg'),
      Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]),
    );
    await writeFile(
      join(folder, 'c-latin1.txt'),
      Uint8Array.from([0x20, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x61]),
    );
    // One byte over the ingest function's own limit: rejected without being analysed.
    await writeFile(join(folder, 'd-huge.txt'), Buffer.alloc(DEFAULT_MAX_ARTICLE_BYTES + 1, 'a'));
    const { code, lines, err } = await analyseJson(folder);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(lines.map((line) => Object.keys(line))).toEqual(lines.map(() => ['file', 'rejected']));
    expect(lines.map((line) => [line.file.slice(folder.length + 1), line.rejected?.reason])).toEqual([
      ['a-empty.txt', 'empty'],
      ['b-photo.jpg', 'binary'],
      ['c-latin1.txt', 'invalid-encoding'],
      ['d-huge.txt', 'too-large'],
    ]);
    expect(lines[3]?.rejected?.detail).toBe(
      `${DEFAULT_MAX_ARTICLE_BYTES + 1} bytes is over the ${DEFAULT_MAX_ARTICLE_BYTES}-byte limit`,
    );
  });

  it('adds the main text with --text: body and quotes, no navigation, headings or footer', async () => {
    const page = join(dir, 'page.html');
    await writeFile(
      page,
      `<!doctype html><html><head><title>Summit talk</title><meta property="article:published_time" content="2025-10-27"></head><body>
<nav><a href="/">Home</a> <a href="/world">World news</a> <a href="/sport">Sport pages</a></nav>
<article><h1>Summit talk</h1>
<p>Donald Trump could meet Kim Jong Un during his tour of Asia later this week, two South Korean officials said on Monday.</p>
<h2>Neither side confirms</h2>
<p>Neither government has confirmed any plans, and the unification ministry said it had no information about a meeting.</p>
<blockquote>We are ready for dialogue at any time, a ministry spokesman said.</blockquote>
<p>Analysts in Seoul said a meeting at the border village of Panmunjom was the likeliest venue if one happened.</p>
</article><footer>Copyright Example News Ltd</footer></body></html>`,
    );
    const { code, lines } = await analyseJson(page, '--text');
    expect(code).toBe(0);
    const text = lines[0]?.text ?? '';
    expect(Object.keys(lines[0] ?? {}).at(-1)).toBe('text');
    expect(text).toContain('Donald Trump could meet Kim Jong Un');
    expect(text).toContain('We are ready for dialogue at any time');
    expect(text.split('\n\n')).toHaveLength(4);
    for (const absent of ['World news', 'Sport pages', 'Neither side confirms', 'Copyright']) {
      expect(text).not.toContain(absent);
    }
  });

  it('walks folders at every depth in name order, dot files included, and says what it cannot read', async () => {
    const tree = join(dir, 'tree');
    await mkdir(join(tree, 'b', 'deeper'), { recursive: true });
    await mkdir(join(tree, 'a'));
    await copyFile(join(SEEDS, '003-council-budget.txt'), join(tree, 'b', 'deeper', 'z.txt'));
    await copyFile(join(SEEDS, '004-derby-match-report.txt'), join(tree, 'a', 'y.txt'));
    await copyFile(join(SEEDS, '006-storm-fenna.txt'), join(tree, '.hidden.txt'));
    await copyFile(join(SEEDS, '005-foldable-phone-launch.txt'), join(tree, 'c.txt'));
    await symlink(join(tree, 'missing.txt'), join(tree, 'broken-link.txt'));
    const { code, lines, err } = await analyseJson(tree);
    expect(lines.map((line) => line.file.slice(tree.length + 1))).toEqual([
      '.hidden.txt',
      'a/y.txt',
      'b/deeper/z.txt',
      'c.txt',
    ]);
    expect(err).toMatch(/^newswatch: .*broken-link\.txt: cannot read: ENOENT\n$/);
    // Not every file was read: the others are analysed, and the exit code says so.
    expect(code).toBe(1);
  });

  it('says per match whether it is reported, and per sentence its site, participants and trigger', async () => {
    const { code, lines } = await analyseJson(
      await fixedArticle('lede.txt', LEDE),
      await fixedArticle('side.txt', SIDE),
    );
    expect(code).toBe(0);
    expect(lines.map((line) => line.matches)).toEqual([
      [
        {
          topicId: 'trump-kim-summit',
          certainty: 'speculative',
          alerts: true,
          reported: true,
          evidence: [
            {
              sentence: LEDE.trim(),
              certainty: 'speculative',
              cues: ['could'],
              site: 'lede',
              participants: ['Donald Trump', 'Kim Jong Un'],
              trigger: 'meet',
            },
          ],
        },
      ],
      [
        {
          topicId: 'trump-kim-summit',
          certainty: 'planned',
          // A side mention: recorded, never alerting, however certain.
          alerts: false,
          reported: false,
          evidence: [
            {
              sentence: 'Donald Trump will meet Kim Jong Un in June.',
              certainty: 'planned',
              cues: ['will'],
              site: 'body',
              participants: ['Donald Trump', 'Kim Jong Un'],
              trigger: 'meet',
            },
          ],
        },
      ],
    ]);
  });

  it('matches the topics of --topics-file instead of the defaults', async () => {
    const topics = join(dir, 'storm-topic.json');
    await writeFile(
      topics,
      JSON.stringify({
        id: 'storm-warnings',
        name: 'Storm warnings',
        actors: [{ name: 'Met Office' }],
        event: { type: 'warning', triggers: ['warning', 'warnings'] },
      }),
    );
    const { code, lines } = await analyseJson(
      join(SEEDS, '006-storm-fenna.txt'),
      join(SEEDS, '001-summit-preparations.txt'),
      '--topics-file',
      topics,
    );
    expect(code).toBe(0);
    expect(lines.map((line) => line.matches.map((m) => m.topicId))).toEqual([['storm-warnings'], []]);
  });
});

describe('newswatch analyse (readable)', () => {
  it('prints each file with its title, date, summary, entities and matches, or its rejection', async () => {
    const empty = join(dir, 'blank.txt');
    await writeFile(empty, '  \n');
    const { code, out } = await run('analyse', join(SEEDS, '001-summit-preparations.txt'), empty);
    expect(code).toBe(0);
    expect(out).toContain(`${join(SEEDS, '001-summit-preparations.txt')}\n`);
    expect(out).toContain(
      '  Donald Trump could meet Kim Jong Un during his tour of Asia later this week (2025-10-27, plain-text)\n',
    );
    expect(out).toMatch(/\n {4}- .+\n/);
    expect(out).toMatch(/\n {4}people: Donald Trump, Kim Jong Un/);
    expect(out).toContain('    trump-kim-summit: speculative, would alert\n');
    expect(out).toContain('      - (speculative) Donald Trump [could] meet Kim Jong Un');
    expect(out).toContain('        participants: Donald Trump, Kim Jong Un\n');
    expect(out).toContain(`${empty}\n  rejected (empty): the object contains only whitespace\n`);
  });

  it('says when an article was analysed in part, past the analysis word budget', async () => {
    const paragraphs = Array.from(
      { length: 6000 },
      (_, i) =>
        `The city council approved repairs worth ${i} pounds on Monday. Engineers said the new work would start within two weeks.`,
    );
    const file = await fixedArticle('report.txt', ` date 2025-11-01 ${paragraphs.join('\n\n')}`);
    const { code, out } = await run('analyse', file);
    expect(code).toBe(0);
    expect(out).toContain(
      `    analysed in part: the first ${MAX_ANALYSED_WORDS.toLocaleString('en')} of 120,000 words (the analysis word budget)\n`,
    );
    const { lines } = await analyseJson(file);
    expect(lines[0]).toMatchObject({ analysedWords: MAX_ANALYSED_WORDS });
  });

  it('shows per sentence its participants, cues and why; a side mention says it would not alert', async () => {
    const { code, out } = await run(
      'analyse',
      await fixedArticle('lede.txt', LEDE),
      await fixedArticle('side.txt', SIDE),
    );
    expect(code).toBe(0);
    expect(out).toContain(
      [
        '    trump-kim-summit: speculative, would alert',
        '      - (speculative) Donald Trump [could] meet Kim Jong Un next week, officials said.',
        '        participants: Donald Trump, Kim Jong Un',
        '        cues: could',
        '        why: lede; trigger "meet"; cues could → speculative',
        '',
      ].join('\n'),
    );
    expect(out).toContain(
      [
        '    trump-kim-summit: planned, a side mention in the body: would not alert',
        '      - (planned) Donald Trump [will] meet Kim Jong Un in June.',
        '        participants: Donald Trump, Kim Jong Un',
        '        cues: will',
        '        why: body; trigger "meet"; cues will → planned',
        '',
      ].join('\n'),
    );
  });
});

describe('newswatch analyse with bad arguments exits 64 with one line and prints nothing', () => {
  it.each([
    ['no path', []],
    ['a path that does not exist', [join(REPO_ROOT, 'no-such-folder')]],
    ['an unknown option', [SEEDS, '--topics', 'x']],
  ])('%s', async (_what, argv) => {
    const { code, out, err } = await run('analyse', ...argv);
    expect(code).toBe(64);
    expect(out).toBe('');
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('an empty folder', async () => {
    const folder = join(dir, 'nothing');
    await mkdir(folder);
    const { code, err } = await run('analyse', folder);
    expect(code).toBe(64);
    expect(err).toMatch(/nothing to analyse/);
  });

  it.each([
    [
      'invalid topics',
      JSON.stringify({ id: 'Bad Id', actors: [] }),
      /invalid topic definition; topic "Bad Id": ids are/,
    ],
    ['broken JSON', '{"topics": [', /is not valid JSON/],
    ['no topics', '{"topics": []}', /no topics in the file/],
  ])('a topics file with %s', async (_what, content, message) => {
    const file = join(dir, `topics-${content.length}.json`);
    await writeFile(file, content);
    const { code, out, err } = await run('analyse', SEEDS, '--topics-file', file);
    expect(code).toBe(64);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a topics file that does not exist', async () => {
    const { code, err } = await run('analyse', SEEDS, '--topics-file', join(dir, 'none.json'));
    expect(code).toBe(64);
    expect(err).toMatch(/cannot read .*none\.json: ENOENT/);
  });
});

describe('onOneLine', () => {
  it("puts zod's multi-line problems on one line", () => {
    expect(
      onOneLine(
        't.json: invalid topic definition\ntopic "x":\n  ✖ bad id\n    → at id\n  ✖ missing\n    → at name',
      ),
    ).toBe('t.json: invalid topic definition; topic "x": bad id (at id); missing (at name)');
  });
});
