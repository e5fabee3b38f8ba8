import { EXIT } from './cli-io.js';

/**
 * A problem that stops a command before it produces a result: each line is printed on standard error
 * prefixed with `smart-task: `, and the command exits with `exitCode` (2 by default).
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly lines: readonly string[];

  constructor(
    lines: string | readonly string[],
    readonly exitCode: number = EXIT.usage,
  ) {
    const list = typeof lines === 'string' ? [lines] : lines;
    super(list.join('\n'));
    this.lines = list;
  }
}
