import type { CliIo } from '../../../../infra/cli/output';

/** An io that keeps what a command printed. */
export function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    stderrIsTty: false,
    out: () => out,
    err: () => err,
  };
}
