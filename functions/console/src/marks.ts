/**
 * Splits an evidence sentence around its cue words so the page can wrap each cue in <mark>, the
 * parts staying text (the sentence is attacker-controlled and is never parsed as HTML). Cues are
 * found case-insensitively on word boundaries, longest first where two overlap.
 */
export interface TextPart {
  text: string;
  cue: boolean;
}

const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}_]/u.test(char);

export function splitAroundCues(sentence: string, cues: readonly string[]): TextPart[] {
  const lower = sentence.toLowerCase();
  const found: { start: number; end: number }[] = [];
  const wanted = [...new Set(cues.map((cue) => cue.trim()).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  for (const cue of wanted) {
    const needle = cue.toLowerCase();
    let from = 0;
    for (;;) {
      const start = lower.indexOf(needle, from);
      if (start < 0) break;
      const end = start + needle.length;
      from = start + 1;
      if (isWordChar(sentence[start - 1]) || isWordChar(sentence[end])) continue;
      if (found.some((range) => start < range.end && end > range.start)) continue;
      found.push({ start, end });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const parts: TextPart[] = [];
  let at = 0;
  for (const { start, end } of found) {
    if (start > at) parts.push({ text: sentence.slice(at, start), cue: false });
    parts.push({ text: sentence.slice(start, end), cue: true });
    at = end;
  }
  if (at < sentence.length) parts.push({ text: sentence.slice(at), cue: false });
  return parts;
}
