/**
 * `newswatch <command>`: the operator CLI (see program.ts). Exit codes: 0 ok, 1 the operation
 * failed, 2 a missing prerequisite, 64 bad arguments, 130 interrupted.
 */
import { closeOpenBackends, runCli } from './program';

// The SDK warns on every start that its 2027 releases need Node 22: not news for an operator.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let interrupted = false;
const onSignal = (signal: NodeJS.Signals) => {
  if (interrupted) process.exit(130);
  interrupted = true;
  process.stderr.write(`newswatch: ${signal}, stopping…\n`);
  // Stops DynamoDB Local and releases the state lock before leaving.
  void closeOpenBackends().finally(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// A reader that stops early (`newswatch analyse … --json | head`) is not a failure: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  void closeOpenBackends().finally(() => process.exit(0));
});

// Exit explicitly: idle keep-alive sockets of SDK clients (the handlers' too) must not hold the process.
runCli(process.argv.slice(2)).then(
  (code) => process.exit(interrupted ? 130 : code),
  (error: unknown) => {
    process.stderr.write(`newswatch: ${String(error)}\n`);
    process.exit(1);
  },
);
