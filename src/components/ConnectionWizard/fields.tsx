import { type ChangeEvent, type ComponentPropsWithoutRef, type ReactNode, useEffect, useRef } from 'react';
import type { FieldError } from '../../core/draft';
import { translate, useMessages } from '../../react/messages';
import type { AdapterQueryResult } from '../../react/use-adapter-queries';

/*
 * The wizard's form parts: one `Field` for every labelled control (text input, select, select over an adapter list)
 * whose error (role="alert") is linked with aria-describedby and flagged with aria-invalid, radio groups as
 * fieldsets, and the wizard's buttons.
 */

export interface ButtonProps extends ComponentPropsWithoutRef<'button'> {
  variant: 'primary' | 'secondary' | 'ghost';
  /** Busy: announced as disabled (`aria-disabled`, `data-pending`) yet focusable; the click handler ignores it. */
  pending?: boolean;
}

/** A wizard button (`type="button"` unless given). */
export function Button({ variant, pending, ...props }: ButtonProps) {
  return (
    <button
      type="button"
      data-slot="button"
      data-variant={variant}
      data-pending={pending ? '' : undefined}
      aria-disabled={pending || undefined}
      {...props}
    />
  );
}

/** What every field at a draft path gets from the wizard: a document-unique id, its error, and blur. */
export interface FieldBinding {
  id: string;
  error: FieldError | undefined;
  onBlur: () => void;
}

/** An option of a select: the shape of the adapter's lists. */
export interface Option {
  id: string;
  name: string;
}

export interface FieldProps extends Partial<FieldBinding> {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  hint?: ReactNode;
  /** @default true */
  required?: boolean;
  /** A select's first, empty option ("Select a merchant"), or an input's placeholder. */
  placeholder?: string | undefined;
  /** The options of a select (default: the `list`'s items); without options and list the field is a text input. */
  options?: ReadonlyArray<Option> | undefined;
  /** The adapter list behind the select: while it loads, is empty or failed, that state shows instead. */
  list?: AdapterQueryResult<Option[]>;
  /** The list's texts: when it loaded `empty`, and when it failed (`loadFailed`, above **Try again**). */
  listText?: { empty: string; loadFailed: string };
  type?: 'text' | 'password' | 'url' | 'email' | undefined;
  autoComplete?: string;
}

/**
 * One labelled field: a text input, or a select when it has options; over an adapter `list`, "Loading…" while it
 * loads, a message when it is empty, and on failure the dictionary message with **Try again** (a refetch). After a
 * retry succeeds, focus moves to the select, since the button the user pressed is gone.
 */
export function Field({ id, label, error, hint, required = true, value, onValueChange, placeholder, options: given, list: query, listText, type = 'text', ...input }: FieldProps) {
  const messages = useMessages();
  const errorText = error && translate(messages, error.message, error.values);
  const select = useRef<HTMLSelectElement>(null);
  const retried = useRef(false);
  const options = given ?? query?.data;
  const listState = query && (query.isError ? 'error' : query.isPending ? 'loading' : options?.length ? undefined : 'empty');
  const fetching = query?.isFetching;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errorText ? `${id}-error` : undefined;

  useEffect(() => {
    if (!listState && retried.current) {
      retried.current = false;
      select.current?.focus();
    }
  }, [listState]);

  const control = {
    ...input,
    id,
    value,
    onChange: (event: ChangeEvent<HTMLInputElement & HTMLSelectElement>) => onValueChange(event.target.value),
    'aria-required': required || undefined,
    'aria-invalid': errorText ? true : undefined,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
  };
  const status = (state: 'loading' | 'empty') => (
    <p data-slot="list-status" data-state={state} role={state === 'loading' ? 'status' : undefined}>
      {state === 'loading' ? messages.wizard.loading : listText?.empty}
    </p>
  );
  // Without a control (a list that is not ready) the label names nothing: plain text.
  const Label = listState ? 'span' : 'label';
  return (
    <div data-slot="field" data-invalid={errorText && !listState ? '' : undefined} data-list-state={listState}>
      <Label htmlFor={listState ? undefined : id} data-slot="field-label">
        {label}
      </Label>
      {listState === 'error' ? (
        <div data-slot="list-status" data-state="error">
          <p role="alert">{listText?.loadFailed}</p>
          <Button
            variant="secondary"
            pending={fetching}
            onClick={() => {
              if (fetching) return;
              retried.current = true;
              void query?.refetch();
            }}
          >
            {messages.wizard.retry}
          </Button>
          {fetching ? status('loading') : null}
        </div>
      ) : listState ? (
        status(listState)
      ) : options ? (
        <select {...control} ref={select} data-slot="field-select">
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      ) : (
        // No spell-checking of a secret: browsers may send the text to a spelling service.
        <input {...control} data-slot="field-input" type={type} placeholder={placeholder} spellCheck={type === 'password' ? false : undefined} />
      )}
      {hintId ? (
        <p id={hintId} data-slot="field-hint">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} data-slot="field-error" role="alert">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}

export interface ChoiceGroupProps {
  /** The radios' shared name (a wizard's field id: two wizards on a page must not share it). */
  id: string;
  legend: string;
  value: string;
  onValueChange: (value: string) => void;
  /** `[value, label]` of each radio. */
  options: ReadonlyArray<readonly [string, string]>;
}

/** A radio group: a fieldset with a legend, native radios (arrow keys move and select). */
export function ChoiceGroup({ id: name, legend, value, onValueChange, options }: ChoiceGroupProps) {
  return (
    <fieldset data-slot="choice-group">
      <legend data-slot="choice-group-legend">{legend}</legend>
      {options.map(([option, label]) => (
        <div key={option} data-slot="choice" data-state={option === value ? 'checked' : 'unchecked'}>
          <input
            id={`${name}-${option}`}
            type="radio"
            name={name}
            value={option}
            checked={option === value}
            onChange={() => onValueChange(option)}
          />
          <label htmlFor={`${name}-${option}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}
