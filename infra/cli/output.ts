import Table from 'cli-table3';

/** Where a command writes: data to stdout, everything else (progress, notes) to stderr. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal: the progress bar only draws on one. */
  stderrIsTty: boolean;
  /** The stream the progress bar draws on. */
  progressStream?: NodeJS.WritableStream;
}

export const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  progressStream: process.stderr,
});

/** Cuts a cell to `max` characters (an ellipsis marks the cut), on one line. */
export const cell = (value: unknown, max = 60): string => {
  const text = value === undefined || value === null ? '' : String(value).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/**
 * A plain table: no colours (output is the same in a terminal, a pipe and a test), a header row
 * and one row per item; `empty` is printed instead when there are no rows.
 */
export function renderTable(head: string[], rows: string[][], empty = '(none)'): string {
  if (rows.length === 0) return `${empty}\n`;
  const table = new Table({ head, style: { head: [], border: [] } });
  table.push(...rows);
  return `${table.toString()}\n`;
}

/** One JSON document, as every `--json` command prints. */
export const renderJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
