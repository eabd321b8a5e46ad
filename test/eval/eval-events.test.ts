import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTopics } from '../../functions/domain/topics/topic-schema';
import {
  DEFAULT_FILE,
  evaluateEvents,
  isTrueAlert,
  keywordAlert,
  readItems,
  readTopics,
  reportJson,
  type NewsEventItem,
} from './eval-events';

const SCRIPT = path.resolve(import.meta.dirname, './eval-events.ts');
const MIGRATED_TOPICS = path.resolve(import.meta.dirname, '../fixtures/news-events/topics.json');
const [topic] = parseTopics({
  topics: [
    {
      id: 'trump-kim-summit',
      name: 'Trump–Kim summit',
      actors: [
        { name: 'Donald Trump', shortNames: ['Trump'] },
        { name: 'Kim Jong Un', shortNames: ['Kim'] },
      ],
      event: { type: 'meeting' },
    },
  ],
});
const item = (headline: string, reportsMeeting: boolean, certainty: NewsEventItem['label']['certainty']) => ({
  headline,
  text: 'Officials gave no further details on Monday.',
  date: '2018-05-01',
  topicId: 'trump-kim-summit',
  label: { reportsMeeting, certainty },
});
// Our own headlines: two true alerts, a past meeting, a side mention and no meeting at all.
const ITEMS: NewsEventItem[] = [
  item('Trump to meet Kim in Singapore', true, 'planned'),
  item('Trump and Kim met in Singapore', true, 'confirmed'),
  item('A year after Trump met Kim, sanctions remain', false, 'past'),
  item('Markets rise; Trump says he spoke to Kim by phone', false, 'none'),
  item('Trump praises Kim, says no meeting is needed now', false, 'none'),
];

describe('eval:events scoring', () => {
  it('takes a true alert to be a reported meeting that is neither past nor none', () => {
    expect(isTrueAlert({ reportsMeeting: true, certainty: 'planned' })).toBe(true);
    expect(isTrueAlert({ reportsMeeting: true, certainty: 'past' })).toBe(false);
    expect(isTrueAlert({ reportsMeeting: false, certainty: 'planned' })).toBe(false);
  });

  it('alerts like a keyword service on both names and any meeting word anywhere', () => {
    expect(keywordAlert(topic!, 'Trump praises Kim, says no meeting is needed now')).toBe(true);
    expect(keywordAlert(topic!, 'Trump praises Kim')).toBe(false);
  });

  it('scores the product and the keyword alert on the same items', () => {
    const report = evaluateEvents(ITEMS, [topic!]);
    expect(report.trueAlerts).toBe(2);
    // Every item names both men and a meeting word but the phone call's: the keyword alert fires
    // on four, two of them false.
    expect(report.keyword).toMatchObject({ tp: 2, fp: 2, fn: 0 });
    expect(report.alerts.tp).toBe(2);
    expect(report.rightCertainty.share).toBe(1);
    expect(report.confusion['planned']).toEqual({ planned: 1 });
    const json = reportJson(report);
    expect(json.alerts.f1).toBeGreaterThan(json.keyword.f1);
    expect(json.falseAlertsOnNoMeeting.of).toBe(2);
  });
});

describe('eval:events command', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'eval-events-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the news-events layout and prints JSON with the figures the issue asks for', () => {
    const file = path.join(dir, 'items.jsonl');
    writeFileSync(file, ITEMS.map((i) => JSON.stringify(i)).join('\n'));
    writeFileSync(path.join(dir, 'topics.json'), JSON.stringify({ topics: [topic] }));
    const run = spawnSync('npx', ['tsx', SCRIPT, file, '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as ReturnType<typeof reportJson>;
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['alerts', 'keyword', 'rightCertainty', 'falseAlertsOnNoMeeting', 'confusion']),
    );
    const missing = spawnSync('npx', ['tsx', SCRIPT, path.join(dir, 'none.jsonl')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no file/);
  });
});

const shared = existsSync(DEFAULT_FILE);
if (!shared)
  console.log(
    `eval:events: ${DEFAULT_FILE} absent (../shared not beside the checkout); skipping the dev-set test`,
  );

describe.skipIf(!shared)('eval:events on the shared dev set', () => {
  it('beats the keyword alert with few false alerts, with the topics as shared and as migrated', () => {
    const items = readItems(DEFAULT_FILE);
    for (const topicsFile of [path.join(path.dirname(DEFAULT_FILE), 'topics.json'), MIGRATED_TOPICS]) {
      const report = evaluateEvents(items, readTopics(topicsFile));
      expect(report.alerts.f1).toBeGreaterThan(report.keyword.f1 + 0.15);
      expect(report.falseAlertsOnNoMeeting.share).toBeLessThanOrEqual(0.03);
      expect(report.rightCertaintyOfAlerted.share).toBeGreaterThan(0.7);
    }
  });
});
