import { type ReactNode, type Ref, useEffect, useRef } from 'react';
import type { FieldError } from '../../core/draft';
import type { AdapterQueryResult } from '../../react/use-adapter-queries';
import { translate, useMessages } from '../../react/messages';

/*
 * The wizard's form parts: labelled controls whose error (role="alert") is linked with aria-describedby and
 * flagged with aria-invalid, radio groups as fieldsets, and lists with loading, empty and error states.
 */

/** The dictionary text of a field error, or undefined. */
export function useErrorText(error: FieldError | undefined): string | undefined {
  const messages = useMessages();
  return error ? translate(messages, error.message, error.values) : undefined;
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} data-slot="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} data-slot="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

interface BaseFieldProps {
  id: string;
  label: string;
  error?: FieldError | undefined;
  hint?: ReactNode;
  required?: boolean;
  onBlur?: () => void;
}

/** What every control of a field gets: its id, blur, and the ARIA that ties it to its label, hint and error. */
interface ControlProps {
  id: string;
  onBlur: (() => void) | undefined;
  'aria-required': true | undefined;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** One labelled field: the wrapper, the label, the control `render` returns, the hint and the error. */
function Field({ id, label, error, hint, required = true, onBlur, render }: BaseFieldProps & { render: (props: ControlProps) => ReactNode }) {
  const errorText = useErrorText(error);
  return (
    <div data-slot="field" data-invalid={errorText ? '' : undefined}>
      <label htmlFor={id} data-slot="field-label">
        {label}
      </label>
      {render({
        id,
        onBlur,
        'aria-required': required || undefined,
        'aria-invalid': errorText ? true : undefined,
        'aria-describedby': describedBy(hint ? `${id}-hint` : undefined, errorText ? `${id}-error` : undefined),
      })}
      <FieldMessages id={id} hint={hint} error={errorText} />
    </div>
  );
}

export interface TextFieldProps extends BaseFieldProps {
  value: string;
  onValueChange: (value: string) => void;
  type?: 'text' | 'password' | 'url' | 'email';
  autoComplete?: string;
  placeholder?: string | undefined;
  maxLength?: number;
}

export function TextField({ value, onValueChange, type = 'text', autoComplete, placeholder, maxLength, ...field }: TextFieldProps) {
  return (
    <Field
      {...field}
      render={(control) => (
        <input
          {...control}
          data-slot="field-input"
          type={type}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          autoComplete={autoComplete}
          placeholder={placeholder}
          maxLength={maxLength}
          spellCheck={type === 'password' ? false : undefined}
        />
      )}
    />
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends BaseFieldProps {
  value: string;
  onValueChange: (value: string) => void;
  options: ReadonlyArray<SelectOption>;
  /** A first, empty option ("Select a merchant"). */
  placeholder?: string;
  selectRef?: Ref<HTMLSelectElement>;
}

export function SelectField({ value, onValueChange, options, placeholder, selectRef, ...field }: SelectFieldProps) {
  return (
    <Field
      {...field}
      render={(control) => (
        <select {...control} ref={selectRef} data-slot="field-select" value={value} onChange={(event) => onValueChange(event.target.value)}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export interface ListSelectFieldProps<T> extends Omit<SelectFieldProps, 'options'> {
  query: AdapterQueryResult<T[]>;
  toOption: (item: T) => SelectOption;
  /** Shown when the list loaded empty. */
  emptyText: string;
  /** Shown when the list failed to load, above **Try again**. */
  loadFailedText: string;
}

/**
 * A select over an adapter list: "Loading…" while it loads, a message when it is empty, and on failure the
 * dictionary message with **Try again** (a refetch). After a retry succeeds, focus moves to the select, since the
 * button the user pressed is gone.
 */
export function ListSelectField<T>({ query, toOption, emptyText, loadFailedText, ...field }: ListSelectFieldProps<T>) {
  const messages = useMessages();
  const errorText = useErrorText(field.error);
  const select = useRef<HTMLSelectElement>(null);
  const retried = useRef(false);
  const items = query.data;
  const state = query.isError ? 'error' : query.isPending ? 'loading' : items && items.length === 0 ? 'empty' : 'ready';

  useEffect(() => {
    if (state === 'ready' && retried.current) {
      retried.current = false;
      select.current?.focus();
    }
  }, [state]);

  if (state === 'ready' && items) {
    return <SelectField {...field} options={items.map(toOption)} selectRef={select} />;
  }
  const loading = (
    <p data-slot="list-status" data-state="loading" role="status">
      {messages.wizard.loading}
    </p>
  );
  return (
    <div data-slot="field" data-list-state={state}>
      <span data-slot="field-label">
        {field.label}
      </span>
      {state === 'loading' ? (
        loading
      ) : state === 'empty' ? (
        <p data-slot="list-status" data-state="empty">
          {emptyText}
        </p>
      ) : (
        <div data-slot="list-status" data-state="error">
          <p role="alert">{loadFailedText}</p>
          <button
            type="button"
            data-slot="button"
            data-variant="secondary"
            data-pending={query.isFetching ? '' : undefined}
            aria-disabled={query.isFetching || undefined}
            onClick={() => {
              if (query.isFetching) return;
              retried.current = true;
              void query.refetch();
            }}
          >
            {messages.wizard.retry}
          </button>
          {query.isFetching ? loading : null}
        </div>
      )}
      <FieldMessages id={field.id} error={errorText} />
    </div>
  );
}

export interface ChoiceGroupProps<V extends string> {
  /** Radios of one wizard share a name; two wizards on a page must not. */
  name: string;
  legend: string;
  value: V;
  onValueChange: (value: V) => void;
  options: ReadonlyArray<{ value: V; label: string }>;
}

/** A radio group: a fieldset with a legend, native radios (arrow keys move and select). */
export function ChoiceGroup<V extends string>({ name, legend, value, onValueChange, options }: ChoiceGroupProps<V>) {
  return (
    <fieldset data-slot="choice-group">
      <legend data-slot="choice-group-legend">{legend}</legend>
      {options.map((option) => {
        const id = `${name}-${option.value}`;
        return (
          <div key={option.value} data-slot="choice" data-state={option.value === value ? 'checked' : 'unchecked'}>
            <input
              id={id}
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onValueChange(option.value)}
            />
            <label htmlFor={id}>{option.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
