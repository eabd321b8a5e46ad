/**
 * Output plumbing for running Lambda handlers inside the runner's process. The handlers'
 * Powertools loggers write JSON lines through a `Console` built on `process.stdout` /
 * `process.stderr` (INFO/DEBUG to stdout, WARN/ERROR to stderr), calling `stream.write` on every
 * line, so replacing the streams' `write` redirects them.
 */

type Write = typeof process.stdout.write;

const originalStdoutWrite: Write = process.stdout.write;
const originalStderrWrite: Write = process.stderr.write;

const writer = (sink: (text: string) => void): Write =>
  ((chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
    const text =
      typeof chunk === 'string'
        ? chunk
        : Buffer.from(chunk as Uint8Array).toString(
            typeof encodingOrCallback === 'string' ? (encodingOrCallback as BufferEncoding) : 'utf8',
          );
    sink(text);
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (typeof done === 'function') queueMicrotask(() => (done as (error?: Error | null) => void)(null));
    return true;
  }) as Write;

/**
 * Sends everything written to `process.stdout` to `process.stderr` until the returned function is
 * called, so stdout stays free for the runner's report (`--json` prints exactly one document).
 * Nested calls are fine: each restores what it replaced.
 */
export function redirectStdoutToStderr(): () => void {
  const previous = process.stdout.write;
  const toStderr = ((chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) =>
    (process.stderr.write as (...args: unknown[]) => boolean)(chunk, encodingOrCallback, callback)) as Write;
  process.stdout.write = toStderr;
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (process.stdout.write === toStderr) process.stdout.write = previous;
  };
}

/** Sends everything written to stdout and stderr to `sink` until the returned function is called. */
export function captureOutput(sink: (text: string) => void): () => void {
  const previousStdout = process.stdout.write;
  const previousStderr = process.stderr.write;
  const capture = writer(sink);
  process.stdout.write = capture;
  process.stderr.write = capture;
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (process.stdout.write === capture) process.stdout.write = previousStdout;
    if (process.stderr.write === capture) process.stderr.write = previousStderr;
  };
}

/** Writes to the real stdout, whatever redirection is in place: the CLI prints its report with it. */
export const writeToRealStdout = (text: string) =>
  new Promise<void>((resolve, reject) => {
    originalStdoutWrite.call(process.stdout, text, 'utf8', (error?: Error | null) =>
      error ? reject(error) : resolve(),
    );
  });

/** Writes to the real stderr, whatever redirection is in place (the runner's own progress lines). */
export const writeToRealStderr = (text: string) => {
  originalStderrWrite.call(process.stderr, text);
};
