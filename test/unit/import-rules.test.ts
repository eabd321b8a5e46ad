import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/import-rules', import.meta.url));
// Its package exports no bin path, so the script is found where npm installs it.
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs the linter's dependency check, with the repository's rules, on the fixture tree. */
const violationsOf = async (): Promise<string[]> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [DEPCRUISE, 'functions', 'infra', '--config', `${ROOT}.dependency-cruiser.cjs`, '--output-type', 'json'],
    { cwd: FIXTURE, maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
};

describe('import rules (npm run lint)', () => {
  it('report each deliberate violation in the fixture by rule, and none of the allowed imports', async () => {
    expect(await violationsOf()).toEqual(
      [
        'contracts-import-nothing: functions/contracts/names.ts -> functions/domain/language/tokens.ts',
        'domain-is-pure: functions/domain/language/tokens.ts -> functions/adapters/store.ts',
        'domain-documents-below-language: functions/domain/documents/parse.ts -> functions/domain/language/tokens.ts',
        'use-cases-get-ports: functions/ingest/use-case.ts -> functions/adapters/store.ts',
        'functions-stay-apart: functions/alert/cycle-a.ts -> functions/ingest/use-case.ts',
        'no-cycles: functions/alert/cycle-a.ts -> functions/alert/cycle-b.ts',
        'cdk-reads-contracts-only: infra/cdk/app.ts -> functions/adapters/store.ts',
        'console-app-reads-contracts-only: functions/console/src/app.ts -> functions/adapters/store.ts',
      ].sort(),
    );
  });
});
