import { joinPointer } from '../../json/pointer.js';
import { placeholdersOf } from '../../text/template.js';
import { textsOf } from '../rule-set-parts.js';
import type { RuleSetScope } from '../rule-set-scope.js';

const LANGUAGES = { it: 'Italian', en: 'English' } as const;

function valuesShown(template: string): Set<string> {
  return new Set(placeholdersOf(template).map((placeholder) => `{${placeholder.fact}${placeholder.path?.slice(1) ?? ''}}`));
}

/**
 * Rule 5, texts: every reason message, description and operation description must say something in
 * each language (the meta-schema accepts a text of blanks), and a template must show the same values in
 * Italian and in English, so neither reader misses one.
 */
export function lintMessages(scope: RuleSetScope): void {
  for (const { text, pointer, isTemplate } of textsOf(scope.loaded.document)) {
    for (const locale of ['it', 'en'] as const) {
      if (text[locale].trim() !== '') continue;
      scope.report({
        code: 'LINT_BLANK_MESSAGE',
        severity: 'error',
        pointer: joinPointer(pointer, locale),
        message: `The ${LANGUAGES[locale]} text is blank (${JSON.stringify(text[locale])}): whoever reads ${LANGUAGES[locale]} sees nothing here.`,
        hint: `write the ${LANGUAGES[locale]} text`,
      });
    }
    if (!isTemplate) continue;
    const italian = valuesShown(text.it);
    const english = valuesShown(text.en);
    const onlyItalian = [...italian].filter((value) => !english.has(value));
    const onlyEnglish = [...english].filter((value) => !italian.has(value));
    if (onlyItalian.length === 0 && onlyEnglish.length === 0) continue;
    const parts = [
      ...(onlyItalian.length > 0 ? [`the Italian text shows ${onlyItalian.join(', ')} and the English one does not`] : []),
      ...(onlyEnglish.length > 0 ? [`the English text shows ${onlyEnglish.join(', ')} and the Italian one does not`] : []),
    ];
    scope.report({
      code: 'LINT_PLACEHOLDERS_DIFFER',
      severity: 'warning',
      pointer,
      message: `The two languages show different values: ${parts.join('; ')}.`,
      hint: 'use the same placeholders in "it" and "en"',
    });
  }
}
