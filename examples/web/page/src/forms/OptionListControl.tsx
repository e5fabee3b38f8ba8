import { and, rankWith, schemaMatches, uiTypeIs, type ControlProps, type OwnPropsOfEnum, type RankedTester } from '@jsonforms/core';
import { withJsonFormsMultiEnumProps } from '@jsonforms/react';

/**
 * A list field whose items are chosen among options (`type: array`, `uniqueItems`, `items.oneOf`) as a
 * group of checkboxes with its required mark — JSON Forms' vanilla set has no renderer for it (it draws
 * an English "Add to…" table); RJSF draws the same group from the composed uiSchema.
 */
function OptionListControl({ id, label, required, description, errors, data, path, handleChange, options, visible, enabled }: ControlProps & OwnPropsOfEnum) {
  if (!visible) return null;
  const selected = Array.isArray(data) ? (data as string[]) : [];
  const toggle = (value: string, checked: boolean) => {
    const next = checked ? [...selected, value] : selected.filter((item) => item !== value);
    handleChange(path, next.length > 0 ? next : undefined);
  };
  return (
    <fieldset className="control option-list" id={id} aria-describedby={`${id}-description ${id}-errors`}>
      <legend>
        {label}
        {required && '*'}
      </legend>
      {description && (
        <div className="input-description" id={`${id}-description`}>
          {description}
        </div>
      )}
      {options?.map((option, index) => (
        <div key={String(option.value)} className="option-list-item">
          <input type="checkbox" id={`${id}-option-${index}`} checked={selected.includes(option.value as string)} disabled={!enabled} onChange={(event) => toggle(option.value as string, event.target.checked)} />
          <label htmlFor={`${id}-option-${index}`}>{option.label}</label>
        </div>
      ))}
      <div className="validation validation_error" id={`${id}-errors`}>
        {errors}
      </div>
    </fieldset>
  );
}

/** Ranked above the vanilla array renderers for a list of options. */
export const optionListTester: RankedTester = rankWith(
  10,
  and(
    uiTypeIs('Control'),
    schemaMatches((schema) => schema.type === 'array' && schema.uniqueItems === true && Array.isArray((schema.items as { oneOf?: unknown } | undefined)?.oneOf)),
  ),
);

/** The renderer entry to add to the vanilla renderers. */
export const optionListRenderer = { tester: optionListTester, renderer: withJsonFormsMultiEnumProps(OptionListControl) };
