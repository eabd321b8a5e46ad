import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parsePositiveInt } from '../args';
import type { LocalBackend } from '../environment';
import { EXIT } from '../errors';
import { cell, renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';
import type { UploadOutcome, UploadReport } from '../operations/upload';

/** `upload <paths...>`: to the bucket (S3 then invokes ingest), or --local through the handlers. */
export const registerUpload: RegisterCommand = (program, { io, print, withBackend, setExit }) => {
  program
    .command('upload')
    .description(
      'upload article files (or every file of a folder) under articles/; unchanged files are skipped',
    )
    .argument('<paths...>', 'files or folders')
    .option('--concurrency <n>', 'uploads in flight at once', parsePositiveInt(64), 8)
    .option('--prefix <prefix>', 'key prefix under articles/ (e.g. 2025/10/)')
    .action(async (paths: string[], opts: { concurrency: number; prefix?: string }, command: Command) => {
      // The local pipeline (and with it the handlers and the NLP model) loads only now.
      const { normalisePrefix, resolveUploadItems, uploadThroughLocalPipeline, uploadToBucket } =
        await import('../operations/upload');
      const prefix = normalisePrefix(opts.prefix);
      await withBackend(command, async (backend, g) => {
        const items = await resolveUploadItems(paths, 'articles/', prefix);
        const bar =
          io.stderrIsTty && io.progressStream
            ? new SingleBar({
                stream: io.progressStream,
                format: 'uploading [{bar}] {value}/{total} {file}',
                hideCursor: true,
                clearOnComplete: true,
              })
            : undefined;
        bar?.start(items.length, 0, { file: '' });
        const onDone = (outcome: UploadOutcome) => bar?.increment({ file: outcome.key });
        let report: UploadReport;
        try {
          report =
            backend.mode === 'local'
              ? await uploadThroughLocalPipeline(backend as LocalBackend, items, {
                  concurrency: opts.concurrency,
                  prefix,
                  onDone,
                  warn: (line) => io.stderr(`${line}\n`),
                })
              : await uploadToBucket(await backend.bucket(), items, {
                  concurrency: opts.concurrency,
                  onDone,
                });
        } finally {
          bar?.stop();
        }
        print(g.json ? renderJson(report) : formatUploadReport(report));
        if (report.tally.failed > 0) setExit(EXIT.failed);
      });
    });
};

export function formatUploadReport(report: UploadReport): string {
  const lines: string[] = [];
  const failed = report.files.filter((file) => file.status === 'failed');
  if (failed.length > 0) {
    lines.push(
      renderTable(
        ['failed', 'error'],
        failed.map((file) => [cell(file.key, 50), cell(file.error, 80)]),
      ),
    );
  }
  if (report.rejected && report.rejected.length > 0) {
    lines.push(
      renderTable(
        ['rejected', 'reason', 'detail'],
        report.rejected.map((r) => [cell(r.key, 50), r.reason, cell(r.detail, 60)]),
      ),
    );
  }
  if (report.alerts !== undefined) {
    lines.push(
      renderTable(
        ['alert topic', 'certainty', 'article', 'would be delivered to'],
        report.alerts.map((alert) => [
          alert.topicId ?? '',
          alert.certainty ?? '',
          cell(alert.articleKey, 50),
          alert.deliveredTo.length === 0
            ? '(no subscriber)'
            : cell(alert.deliveredTo.map((d) => `${d.protocol}:${d.endpoint}`).join(', '), 60),
        ]),
        '(no alerts)',
      ),
    );
  }
  const { uploaded, skipped, failed: failedCount } = report.tally;
  lines.push(`uploaded ${uploaded}, skipped ${skipped} (unchanged), failed ${failedCount}\n`);
  return lines.join('');
}
