import type { LiHTMLAttributes, ReactNode } from 'react';

/** The attributes of one list item: a class, or `data-*` attributes the tests and styles find it by. */
type ItemAttributes = LiHTMLAttributes<HTMLLIElement> & { [data: `data-${string}`]: string };

/**
 * A titled list of a request's details (reasons, checks, operations…), or nothing when there are none.
 * `id` names the section's heading, which labels the section for assistive technology.
 */
export function ListSection<T>(props: { id: string; title: string; className?: string; items: readonly T[]; itemKey(item: T, index: number): string | number; item(item: T): ReactNode; itemAttributes?(item: T): ItemAttributes }) {
  const { id, title, className, items, itemKey, item, itemAttributes } = props;
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id}>{title}</h2>
      <ul>
        {items.map((entry, index) => (
          <li key={itemKey(entry, index)} {...itemAttributes?.(entry)}>
            {item(entry)}
          </li>
        ))}
      </ul>
    </section>
  );
}
