import { defaultMessages, type MessageOverrides, type Messages } from './messages.en';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeInto(base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const key of Object.keys(overrides)) {
    // Only keys the dictionary has: a typo or `__proto__` in host data cannot add or pollute anything.
    if (!Object.hasOwn(base, key)) continue;
    const next = overrides[key];
    const current = base[key];
    if (isPlainObject(current) && isPlainObject(next)) result[key] = mergeInto(current, next);
    else if (typeof current === 'string' && typeof next === 'string') result[key] = next;
  }
  return result;
}

/**
 * Deep-merges partial overrides over a dictionary (default: English). Unknown keys and non-string values are
 * ignored.
 *
 * @example
 * const messages = mergeMessages({ wizard: { submit: 'Verbindung hinzufügen' } });
 */
export function mergeMessages(overrides?: MessageOverrides | null, base: Messages = defaultMessages): Messages {
  if (!overrides) return base;
  return mergeInto(base as unknown as Record<string, unknown>, overrides as Record<string, unknown>) as unknown as Messages;
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
