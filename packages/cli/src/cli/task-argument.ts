import { CliError } from './cli-error.js';

/** The single `<task>` positional of `form` and `evaluate`. */
export function taskArgument(command: string, positionals: readonly string[], example: string): string {
  const [taskId, ...extra] = positionals;
  if (taskId === undefined || taskId === '') throw new CliError(`missing the task: smart-task ${command} <task> ${example}`);
  if (extra.length > 0) throw new CliError(`unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((item) => JSON.stringify(item)).join(' ')}: smart-task ${command} takes one task.`);
  return taskId;
}
