import type { Subject } from '@smart-task/schemas';
import { isSmartTaskError } from '@smart-task/core';
import { CliError } from '../cli-error.js';
import { EXIT } from '../cli-io.js';
import { CATALOG_OPTION, CATALOG_OPTION_HELP, CLOCK_OPTION, CLOCK_OPTION_HELP, LOCALE_OPTION, LOCALE_OPTION_HELP, type CliCommand } from '../command.js';
import { isJsonObject, readJsonInput } from '../inputs.js';
import { localeOption, nowOption, requiredOption } from '../options.js';
import { taskArgument } from '../task-argument.js';
import { catalogOption, checkTask, engineFor, readFixture, requestIssueLines } from '../task-engine.js';

/**
 * `smart-task form <task> --subject s.json --fixture f.json`: prints the composed form as JSON. A form
 * that is ready, not allowed or unavailable is a result (exit 0); wrong inputs exit 2.
 */
export const formCommand: CliCommand = {
  name: 'form',
  synopsis: 'form <task> --subject <s.json> --fixture <f.json> [--catalog <dir>]... [--now <date-time>] [--locale it|en]',
  summary: 'Print the form of a task for a subject as JSON, with the port answers of the fixture.',
  options: { ...CATALOG_OPTION, ...CLOCK_OPTION, ...LOCALE_OPTION, subject: { type: 'string' }, fixture: { type: 'string' } },
  optionHelp: {
    ...CATALOG_OPTION_HELP,
    ...CLOCK_OPTION_HELP,
    ...LOCALE_OPTION_HELP,
    subject: { value: '<file>', text: 'required: the subject JSON (cf, profilo, soggettoCf, matricola)' },
    fixture: { value: '<file>', text: 'required: the data-port answers (*.fixture.json shape)' },
  },
  async run({ positionals, values }, io) {
    const taskId = taskArgument('form', positionals, '--subject s.json --fixture f.json');
    const now = nowOption(values);
    const locale = localeOption(values);
    const subjectPath = requiredOption(values, 'subject', 's.json (the requester and position: cf, profilo, soggettoCf, matricola)');
    const fixturePath = requiredOption(values, 'fixture', 'f.json (the answers of the data port, in the *.fixture.json shape)');
    const catalog = catalogOption(io, values);
    checkTask(catalog, taskId);
    const subject = readJsonInput(io, '--subject', subjectPath);
    if (!isJsonObject(subject.content)) throw new CliError(`--subject ${subject.file}: the subject must be a JSON object with "cf", "profilo", "soggettoCf" and "matricola".`);
    const fixture = readFixture(io, fixturePath, catalog);
    const engine = engineFor({ catalog, fixture, now, locale });
    try {
      const form = await engine.composeForm(taskId, subject.content as unknown as Subject);
      io.stdout(JSON.stringify(form, null, 2));
      return EXIT.ok;
    } catch (error) {
      if (isSmartTaskError(error)) throw new CliError(requestIssueLines(error.issues, `--subject ${subject.file}`, '/subject'));
      throw error;
    }
  },
};
