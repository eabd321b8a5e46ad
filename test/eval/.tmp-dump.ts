import { evaluateEvents, readItems, readTopics, DEFAULT_FILE } from './eval-events';
import { dirname, join } from 'node:path';
const r = evaluateEvents(readItems(DEFAULT_FILE), readTopics(join(dirname(DEFAULT_FILE), 'topics.json')));
for (const [i, s] of r.scored.entries()) console.log(JSON.stringify({ i, t: s.trueAlert, a: s.alerted, g: s.item.label.certainty, p: s.match?.certainty ?? '-', h: s.item.headline.slice(0, 90), ev: s.match?.evidence.map((e) => `${e.site}/${e.certainty}[${e.cues.join(',')}] ${e.sentence.slice(0, 140)}`) }));
