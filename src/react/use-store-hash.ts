import { type ChangeEvent, useState } from 'react';
import { type ParsedStoreHash, parseStoreHash, type StoreHashRejection, type StoreHashSource } from '../core/store-hash';
import { useControllableState } from './use-controllable-state';
import { useLatestCallback } from './use-latest-callback';

/*
 * The logic behind `StoreHashInput`: what the field holds, when a pasted address is replaced by the hash found in
 * it, and when a rejection is shown. The component only wires this to markup.
 */

/** A hash found inside a longer input (an address or a context string) and put in the field instead. */
export interface StoreHashFound {
  storeHash: string;
  source: Exclude<StoreHashSource, 'bare'>;
}

export interface UseStoreHashOptions {
  /** The field's text (controlled). */
  value?: string;
  /** @default '' */
  defaultValue?: string;
  /**
   * Called with the field's new text and what `parseStoreHash` made of the input. When an address was replaced by
   * its hash, `storeHash` is the hash and `info.source` says where it was found; on a rejection `storeHash` is the
   * text exactly as the user typed it.
   */
  onValueChange?: (storeHash: string, info: ParsedStoreHash) => void;
  /** Show a rejection without waiting for blur (the wizard sets it when it validates the step). @default false */
  showErrors?: boolean;
}

export interface UseStoreHashReturn {
  /** The field's text. */
  value: string;
  /** `parseStoreHash(value)`. */
  info: ParsedStoreHash;
  /** Set while the field holds a hash this hook extracted from an address: the status line says so. */
  found: StoreHashFound | undefined;
  /** The rejection to show now: only after blur or with `showErrors`, never while the user is typing. */
  error: StoreHashRejection | undefined;
  onChange(event: ChangeEvent<HTMLInputElement>): void;
  onBlur(): void;
}

/**
 * Input types of a keystroke. A URL being typed character by character is not replaced mid-word (the caret would
 * jump and the next keystroke would land after the hash); it is replaced on blur. Pastes, drops, autofill and
 * changes without an `inputType` (programmatic) are replaced at once.
 * @see https://w3c.github.io/input-events/#interface-InputEvent-Attributes
 */
const KEYSTROKE_INPUT_TYPE = /^(?:insertText$|insertCompositionText$|delete|history)/;

/**
 * What the field should hold after the user entered `text`: the extracted hash when the text is an address or a
 * context string (and `extract` allows it), else the text unchanged — a rejection never loses what was typed.
 *
 * @example
 * resolveStoreHashText('https://api.bigcommerce.com/stores/abcde/v3/', true)
 * // → { text: 'abcde', info: { ok: true, storeHash: 'abcde', source: 'api-path' }, found: { storeHash: 'abcde', source: 'api-path' } }
 */
export function resolveStoreHashText(
  text: string,
  extract: boolean,
): { text: string; info: ParsedStoreHash; found?: StoreHashFound } {
  const info = parseStoreHash(text);
  if (extract && info.ok && info.source !== 'bare') {
    return { text: info.storeHash, info, found: { storeHash: info.storeHash, source: info.source } };
  }
  return { text, info };
}

/**
 * State and handlers for a store hash field.
 *
 * @example
 * const field = useStoreHash({ defaultValue: '', onValueChange: (hash, info) => info.ok && console.warn(hash) });
 * return <input value={field.value} onChange={field.onChange} onBlur={field.onBlur} aria-invalid={!!field.error} />;
 */
export function useStoreHash({ value: valueProp, defaultValue = '', onValueChange, showErrors }: UseStoreHashOptions = {}): UseStoreHashReturn {
  const notify = useLatestCallback(onValueChange);
  const [value, setValue] = useControllableState<string>({ prop: valueProp, defaultProp: defaultValue, caller: 'StoreHashInput' });
  const [found, setFound] = useState<StoreHashFound>();
  const [touched, setTouched] = useState(false);
  const info = parseStoreHash(value);

  const commit = (text: string, extract: boolean) => {
    const next = resolveStoreHashText(text, extract);
    setFound(next.found);
    if (next.text === value) return;
    setValue(next.text);
    notify(next.text, next.info);
  };

  return {
    value,
    info,
    found: found?.storeHash === value ? found : undefined,
    error: (touched || showErrors) && !info.ok ? info.reason : undefined,
    onChange(event) {
      // Editing hides the error until the next blur: no rejection while the user is still typing.
      setTouched(false);
      commit(event.target.value, !KEYSTROKE_INPUT_TYPE.test((event.nativeEvent as Partial<InputEvent>).inputType ?? ''));
    },
    onBlur() {
      setTouched(true);
      // An address typed key by key becomes its hash now; `  ABC123 ` becomes `abc123`, quietly: the same store,
      // the form BigCommerce uses.
      if (info.ok && info.storeHash !== value) commit(info.source === 'bare' ? info.storeHash : value, true);
    },
  };
}
