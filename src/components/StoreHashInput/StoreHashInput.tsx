import { type ComponentPropsWithoutRef, type Ref, useId } from 'react';
import type { ParsedStoreHash } from '../../core/store-hash';
import { formatMessage } from '../../i18n/format';
import { type MessageOverrides, storeHashMessages } from '../../i18n/messages.en';
import { useMessageSections } from '../../react/messages';
import { namedForwardRef } from '../../react/named-forward-ref';
import { useStoreHash } from '../../react/use-store-hash';

const STORE_HASH_INPUT_NAME = 'StoreHashInput';
/** The dictionary sections this component shows: used alone, it bundles no other text. */
const MESSAGES = { storeHash: storeHashMessages };

type StoreHashInputElement = HTMLDivElement;
type RootProps = Omit<ComponentPropsWithoutRef<'div'>, 'id' | 'defaultValue' | 'onChange' | 'children'>;

export interface StoreHashInputProps extends RootProps {
  /** The field's text (controlled). */
  value?: string;
  /**
   * The initial text (uncontrolled).
   * @default ''
   */
  defaultValue?: string;
  /**
   * Called when the text changes. A pasted address is replaced by the hash found in it: `storeHash` is then the
   * hash and `info.source` where it was found. On a rejection `storeHash` is the text as the user typed it and
   * `info.reason` says why.
   */
  onValueChange?: (storeHash: string, info: ParsedStoreHash) => void;
  /**
   * Show a rejection without waiting for blur; the wizard sets it when it validates the step.
   * @default false
   */
  showErrors?: boolean;
  /** Overrides of the dictionary (`storeHash.*`). */
  messages?: MessageOverrides;
  /** The `<input>`'s id. @default a generated id */
  id?: string;
  /** The `<input>`'s name, for a host form. */
  name?: string;
  /** @default false */
  disabled?: boolean;
  /**
   * Marks the field required for assistive technology (`aria-required`; no native validation bubble).
   * @default false
   */
  required?: boolean;
  /** @default false */
  autoFocus?: boolean;
  /** A ref to the `<input>` (the forwarded ref is the root). */
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * The **Store Hash** field of the BigCommerce setup. Paste anything that contains the hash — the API path, the
 * control-panel address, a context string — and the field keeps just the hash and says where it found it.
 * Rejections show on blur (or with `showErrors`), each with its own message; what the user typed is never lost.
 *
 * Styling hooks: the root has `data-slot="store-hash-input"`, `[data-invalid]` while an error shows,
 * `[data-found="api-path|control-panel|context"]` after an extraction and `[data-disabled]`; its parts are
 * `store-hash-label`, `store-hash-field`, `store-hash-help`, `store-hash-status` and `store-hash-error`.
 *
 * @example
 * <StoreHashInput
 *   defaultValue=""
 *   onValueChange={(storeHash, info) => info.ok && setHash(info.storeHash)}
 * />
 */
export const StoreHashInput = /* @__PURE__ */ namedForwardRef<StoreHashInputElement, StoreHashInputProps>(function StoreHashInput(
  props,
  forwardedRef,
) {
  const {
    value,
    defaultValue,
    onValueChange,
    showErrors,
    messages: overrides,
    id,
    name,
    disabled,
    required,
    autoFocus,
    inputRef,
    ...rootProps
  } = props;
  const text = useMessageSections(MESSAGES, overrides).storeHash;
  // `value`, `defaultValue`, `onValueChange` and `showErrors` are the hook's options of the same names.
  const field = useStoreHash(props);
  const baseId = useId();
  const inputId = id ?? baseId + '-input';
  const helpId = baseId + '-help';
  const statusId = baseId + '-status';
  const errorId = baseId + '-error';
  const { found, error } = field;

  return (
    <div
      data-slot="store-hash-input"
      data-invalid={error ? '' : undefined}
      data-found={found?.source}
      data-disabled={disabled ? '' : undefined}
      {...rootProps}
      ref={forwardedRef}
    >
      <label data-slot="store-hash-label" htmlFor={inputId}>
        {text.label}
      </label>
      <input
        data-slot="store-hash-field"
        ref={inputRef}
        id={inputId}
        name={name}
        type="text"
        // A hash is an identifier: no autofill from unrelated fields, no spelling fixes, no capital first letter.
        autoComplete="off"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        // biome-ignore lint/a11y/noAutofocus: the host opts in explicitly.
        autoFocus={autoFocus}
        disabled={disabled}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={helpId + (found ? ` ${statusId}` : '') + (error ? ` ${errorId}` : '')}
        value={field.value}
        onChange={field.onChange}
        onBlur={field.onBlur}
      />
      <p data-slot="store-hash-help" id={helpId}>
        {text.help}
      </p>
      {/* Always rendered, so screen readers announce the text when it appears. */}
      <p data-slot="store-hash-status" id={statusId} role="status">
        {found ? formatMessage(text.found[found.source], { hash: found.storeHash }) : null}
      </p>
      {error ? (
        <p data-slot="store-hash-error" id={errorId} role="alert">
          {text.rejected[error]}
        </p>
      ) : null}
    </div>
  );
}, STORE_HASH_INPUT_NAME);
