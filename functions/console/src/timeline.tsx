import { CERTAINTIES } from '../../contracts/vocabulary';
import type { TimelineEntryView } from '../../contracts/console-api';

/**
 * A story's certainty per topic over time, in plain SVG: each article a point at its date, each
 * topic a step line (the certainty holds until an article moves it). Text in <title> and <text>
 * elements only, so titles stay text.
 */
const WIDTH = 720;
const HEIGHT = 270;
const LEFT = 100;
const RIGHT = 48;
const TOP = 16;
const BOTTOM = 62;
const DAY = 86_400_000;

/** Changes that leave the story's certainty where it was. */
const HELD = new Set(['duplicate', 'repeat', 'side-mention', 'below-minimum', 'backfill']);
const idOf = (entry: TimelineEntryView) => (entry.entryId ? `${entry.key}#${entry.entryId}` : entry.key);
const levelOf = (certainty: string): number => Math.max(0, CERTAINTIES.indexOf(certainty as never));
const timeOf = (date: string): number => Date.parse(`${date.slice(0, 10)}T00:00:00Z`) || 0;

export function Timeline({ entries }: { entries: TimelineEntryView[] }) {
  const sorted = [...entries].sort((a, b) => a.date.localeCompare(b.date));
  if (sorted.length === 0) return <p class="muted">No articles.</p>;
  const topics = [...new Set(sorted.flatMap((entry) => Object.keys(entry.certainty)))].sort();
  const first = timeOf(sorted[0]?.date ?? '');
  const last = timeOf(sorted[sorted.length - 1]?.date ?? '');
  const span = Math.max(last - first, DAY);
  const x = (date: string) =>
    last === first
      ? LEFT + (WIDTH - LEFT - RIGHT) / 2
      : LEFT + ((timeOf(date) - first) / span) * (WIDTH - LEFT - RIGHT);
  const rowHeight = (HEIGHT - TOP - BOTTOM) / (CERTAINTIES.length - 1);
  const y = (certainty: string) => HEIGHT - BOTTOM - levelOf(certainty) * rowHeight;
  const dates = [...new Set(sorted.map((entry) => entry.date.slice(0, 10)))];
  // Date labels at least 80 units apart, the first and the last kept.
  const labelled: string[] = [];
  for (const date of dates) {
    const previous = labelled[labelled.length - 1];
    if (previous === undefined || x(date) - x(previous) >= 80) labelled.push(date);
    else if (date === dates[dates.length - 1] && labelled.length > 1) labelled[labelled.length - 1] = date;
  }
  // Points of one date and topic side by side, so copies on the same day stay visible.
  const offsets = new Map<string, number>();

  return (
    <figure class="timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="timeline-title"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="timeline-title">Certainty per topic over time, one point per article</title>
        {CERTAINTIES.map((certainty) => (
          <g key={certainty} class="grid">
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(certainty)} y2={y(certainty)} />
            <text x={LEFT - 8} y={y(certainty) + 4} text-anchor="end">
              {certainty}
            </text>
          </g>
        ))}
        <g class="lane">
          <text x={LEFT - 12} y={HEIGHT - BOTTOM + 26} text-anchor="end">
            articles
          </text>
          {sorted.map((entry, index) => {
            const slot = `lane|${entry.date}`;
            const offset = offsets.get(slot) ?? 0;
            offsets.set(slot, offset + 1);
            const cx = x(entry.date) + offset * 9;
            const cy = HEIGHT - BOTTOM + 22;
            return (
              <rect
                key={`${idOf(entry)}-${index}`}
                x={cx - 4}
                y={cy - 4}
                width={8}
                height={8}
                transform={`rotate(45 ${cx} ${cy})`}
                class={entry.role}
              >
                <title>
                  {`${entry.date} · ${entry.outlet ?? 'unknown outlet'}${entry.role === 'copy' ? ' (copy)' : ''} · ${entry.title}`}
                </title>
              </rect>
            );
          })}
        </g>
        {labelled.map((date) => (
          <text key={date} class="axis" x={x(date)} y={HEIGHT - BOTTOM + 48} text-anchor="middle">
            {date}
          </text>
        ))}
        {topics.map((topic, series) => {
          const points = sorted.filter((entry) => entry.certainty[topic] !== undefined);
          // The line is the story's certainty: only an article that moved it (new, escalated,
          // flipped…) steps it; a repeat or a side mention is a point off the line.
          let path = '';
          const moved = new Set<TimelineEntryView>();
          for (const entry of points) {
            if (path !== '' && HELD.has(entry.changes[topic] ?? '')) continue;
            const px = x(entry.date);
            const py = y(entry.certainty[topic] ?? '');
            path += path === '' ? `M${px},${py}` : `H${px}V${py}`;
            moved.add(entry);
          }
          if (points.length > 0) path += `H${WIDTH - RIGHT}`;
          return (
            <g key={topic} class={`series series-${series % 6}`}>
              <path d={path} />
              {points.map((entry) => {
                const slot = `${topic}|${entry.date}|${entry.certainty[topic]}`;
                const offset = offsets.get(slot) ?? 0;
                offsets.set(slot, offset + 1);
                return (
                  <circle
                    key={idOf(entry)}
                    cx={x(entry.date) + offset * 7}
                    cy={y(entry.certainty[topic] ?? '')}
                    r={entry.role === 'copy' ? 3.5 : 5.5}
                    class={`${entry.role}${moved.has(entry) ? '' : ' held'}`}
                  >
                    <title>
                      {`${entry.date} · ${entry.outlet ?? 'unknown outlet'} · ${topic}: ${entry.certainty[topic]}${
                        entry.changes[topic] ? ` (${entry.changes[topic]})` : ''
                      }${entry.role === 'copy' ? ' (copy)' : ''} · ${entry.title}`}
                    </title>
                  </circle>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend inline">
          {topics.map((topic, series) => (
            <li key={topic}>
              <span class={`swatch series-${series % 6}`} aria-hidden="true" /> {topic}
            </li>
          ))}
          <li class="muted">
            large points: originals; small: copies; hollow: did not move the story; diamonds: every article,
            with its outlet
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
