import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseUpload } from '../../../../../functions/domain/analyse-upload';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../../../../functions/contracts/limits';
import { compileTopics } from '../../../../../functions/domain/topics/match-topics';
import { defaultTopics } from '../../../../../infra/cli/operations/topic-file';
import { testArticle } from '../../../../../infra/cli/operations/topics';
import { runCli } from '../../../../../infra/cli/program';
import { REPO_ROOT } from '../../../../../infra/paths';
import { captureIo } from '../support';

const SEED_TOPICS = join(REPO_ROOT, 'seeds', 'topics.json');

const noBackend = () => {
  throw new Error('topics test --topics-file made a backend: it must need no AWS, no Java and no table');
};

/** `newswatch <argv>` in this process, with backends that must never be made. */
const run = async (...argv: string[]) => {
  const io = captureIo();
  const code = await runCli(argv, { io, deployedBackend: noBackend, localBackend: noBackend });
  return { code, out: io.out(), err: io.err() };
};

/** Our own articles: one that reports a possible meeting, one that mentions a meeting on the side. */
const LEDE = 'Donald Trump could meet Kim Jong Un next week, officials said.\n';
const SIDE =
  'A storm closed three ports on Monday, the coastguard said. Ferries were cancelled until Wednesday. Donald Trump will meet Kim Jong Un in June.\n';
/** A page whose headline reports the meeting and whose first paragraph is about something else. */
const PAGE = `<!doctype html><html><head><title>Trump to meet Kim in June</title></head><body><article>
<h1>Trump to meet Kim in June</h1>
<p>Markets in Seoul rose on Monday as investors weighed the news from Washington.</p>
<p>President Donald Trump and North Korean leader Kim Jong Un will hold talks at Panmunjom, the White House said.</p>
</article></body></html>`;

let dir = '';
const files = { lede: '', side: '', page: '' };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newswatch-topics-test-'));
  for (const [name, text, file] of [
    ['lede', LEDE, 'lede.txt'],
    ['side', SIDE, 'side.txt'],
    ['page', PAGE, 'page.html'],
  ] as const) {
    files[name] = join(dir, file);
    await writeFile(files[name], text);
  }
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('newswatch topics test --topics-file', () => {
  it('shows the match line, and per sentence its participants, cues and why', async () => {
    const { code, out, err } = await run('topics', 'test', files.lede, '--topics-file', SEED_TOPICS);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'Donald Trump could meet Kim Jong Un next week (undated)',
        '  trump-kim-summit: speculative, would alert',
        '    - (speculative) Donald Trump [could] meet Kim Jong Un next week, officials said.',
        '      participants: Donald Trump, Kim Jong Un',
        '      cues: could',
        '      why: lede; trigger "meet"; cues could → speculative',
        '',
      ].join('\n'),
    );
  });

  it('says a side mention in the body would not alert, however certain', async () => {
    const { code, out } = await run('topics', 'test', files.side, '--topics-file', SEED_TOPICS);
    expect(code).toBe(0);
    expect(out).toContain(
      [
        '  trump-kim-summit: planned, a side mention in the body: would not alert',
        '    - (planned) Donald Trump [will] meet Kim Jong Un in June.',
        '      participants: Donald Trump, Kim Jong Un',
        '      cues: will',
        '      why: body; trigger "meet"; cues will → planned',
        '',
      ].join('\n'),
    );
  });

  it('--json gives the matches as the Article item keeps them: reported, and per sentence site, participants, trigger', async () => {
    const { code, out } = await run('--json', 'topics', 'test', files.side, '--topics-file', SEED_TOPICS);
    expect(code).toBe(0);
    const shown = JSON.parse(out) as { file: string; entries: { matches: unknown[] }[] };
    expect(shown.file).toBe(files.side);
    expect(shown.entries.map((entry) => entry.matches)).toEqual([
      [
        {
          topicId: 'trump-kim-summit',
          topicName: 'Possible Trump–Kim summit',
          certainty: 'planned',
          alerts: false,
          reported: false,
          delivery: 'instant',
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

  it('matches exactly what ingest would store, the headline of a page included', async () => {
    const topics = defaultTopics();
    for (const file of [files.lede, files.side, files.page]) {
      const stored = analyseUpload(
        { bytes: await readFile(file), key: file },
        { maxBytes: DEFAULT_MAX_ARTICLE_BYTES },
        compileTopics(topics),
      );
      expect(stored.ok).toBe(true);
      const entries = await testArticle(file, topics);
      expect(entries.map((entry) => entry.matches)).toEqual(
        stored.ok ? stored.entries.map((entry) => entry.matches) : [],
      );
    }
    // The page's own headline is read as ingest reads it: it reports the meeting, so it alerts.
    const { out } = await run('topics', 'test', files.page, '--topics-file', SEED_TOPICS);
    expect(out).toContain(
      [
        '  trump-kim-summit: planned, would alert',
        '    - (planned) Trump to meet Kim in June',
        '      participants: Donald Trump, Kim Jong Un',
        '      why: headline; trigger "meet"; no cues → planned',
        '',
      ].join('\n'),
    );
  });

  it('a file ingest would reject fails with the rejection, on one line', async () => {
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '');
    const { code, out, err } = await run('topics', 'test', empty, '--topics-file', SEED_TOPICS);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`newswatch: ${empty}: ingest would reject it (empty): the object has no bytes\n`);
  });
});
