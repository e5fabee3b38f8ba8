/**
 * The `smart-task` executable: runs {@link runCli} with the process's arguments, output and working
 * directory, and sets the exit code.
 */
import { runCli } from './run-cli.js';

const io = {
  stdout: (text: string) => void process.stdout.write(`${text}\n`),
  stderr: (text: string) => void process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
};

// `smart-task evaluate … | head`: a reader that goes away is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.stderr(`smart-task: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
