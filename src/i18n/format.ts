import { defaultMessages, type MessageOverrides, type Messages } from './messages.en';

/** An object to merge or look into key by key. An array passes too: its index keys are not in the dictionary, so they are ignored. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Deep-merges `overrides` over one dictionary node (a section, or the whole dictionary). Returns `base` itself
 * when there is nothing to merge.
 */
export function mergeInto<T>(base: T, overrides: unknown): T {
  if (!isObject(overrides)) return base;
  const result: Record<string, unknown> = { ...(base as object) };
  for (const key of Object.keys(overrides)) {
    // Only keys the dictionary has: a typo or `__proto__` in host data cannot add or pollute anything.
    if (!Object.hasOwn(base as object, key)) continue;
    const next = overrides[key];
    const current = result[key];
    if (isObject(current)) result[key] = mergeInto(current, next);
    else if (typeof current === 'string' && typeof next === 'string') result[key] = next;
  }
  return result as T;
}

/**
 * Deep-merges partial overrides over a dictionary (default: English). Unknown keys and non-string values are
 * ignored.
 *
 * @example
 * const messages = mergeMessages({ wizard: { submit: 'Verbindung hinzufügen' } });
 */
export function mergeMessages(overrides?: MessageOverrides | null, base: Messages = defaultMessages): Messages {
  return mergeInto(base, overrides);
}

/**
 * Fills `{name}` placeholders. Values are inserted as text; React renders the result as text too, so an
 * adapter-supplied value with markup never becomes markup.
 *
 * @example
 * formatMessage('Authorized — store {hash}', { hash: 'abc123' })
 */
export function formatMessage(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? String(values[key]) : whole,
  );
}
