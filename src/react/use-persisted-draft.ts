import { useEffect, useRef, useState } from 'react';
import { type ConnectionDraft, type DraftDefaults, fromStoredDraft, STEP_IDS, type StepId, toStoredDraft } from '../core/draft';
import type { ReadableStore } from './store';
import { useLatestCallback } from './use-latest-callback';

/** Where `persistDraft` keeps the draft. */
export interface PersistDraftOptions {
  /**
   * Storage key. Give each wizard on a page its own key, or they resume each other's drafts.
   * @default 'rcw:connection-wizard:draft'
   */
  key?: string;
  /** @default the window's `localStorage` (when it is reachable) */
  storage?: Storage;
}

export const DEFAULT_DRAFT_STORAGE_KEY = 'rcw:connection-wizard:draft';

/** What is written: the draft without secrets (`toStoredDraft`) and the step the user was on. */
interface StoredWizard {
  v: 1;
  step: StepId;
  draft: DraftDefaults;
}

export interface RestoredDraft {
  draft: DraftDefaults;
  step: StepId | undefined;
}

export interface UsePersistedDraftParams {
  /** The wizard's `persistDraft` prop: off when falsy. */
  options: boolean | PersistDraftOptions | undefined;
  draft: ConnectionDraft;
  /** The live draft when `draft` may lag behind it: its changes are written too. */
  live?: ReadableStore<ConnectionDraft>;
  step: StepId;
  /** False for a pristine or completed draft: the stored copy is removed instead of written. */
  shouldStore: boolean;
  /** Called once, after mount, with what a previous page left. */
  onRestore: (restored: RestoredDraft) => void;
}

function resolveStorage(options: PersistDraftOptions): Storage | undefined {
  if (options.storage) return options.storage;
  try {
    // Reading `localStorage` throws in sandboxed iframes and with cookies blocked.
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

function read(storage: Storage, key: string): RestoredDraft | undefined {
  try {
    const raw = storage.getItem(key);
    if (raw === null) return undefined;
    // Storage is user-controlled input: `fromStoredDraft` keeps only known string/number fields.
    const parsed = JSON.parse(raw) as Partial<StoredWizard> | null;
    const draft = fromStoredDraft(parsed?.draft);
    if (!draft) return undefined;
    const step = STEP_IDS.find((id) => id === parsed?.step);
    return { draft, step };
  } catch {
    return undefined;
  }
}

/**
 * Keeps the wizard's draft in `Storage` so a reload resumes it. Only what `toStoredDraft` keeps is written: never
 * a credential value, a secret or a grant id. Reading happens in an effect (after hydration, never on the server).
 *
 * @example
 * usePersistedDraft({ options: { key: 'acme:wizard' }, draft, step, shouldStore: dirty, onRestore });
 */
export function usePersistedDraft({ options, draft, live, step, shouldStore, onRestore }: UsePersistedDraftParams): void {
  const settings = options ? (options === true ? {} : options) : undefined;
  const key = settings ? (settings.key ?? DEFAULT_DRAFT_STORAGE_KEY) : undefined;
  const explicitStorage = settings?.storage;
  const restore = useLatestCallback(onRestore);
  // Writing waits for the first read, or the pristine draft would overwrite what the last page left.
  const [readKey, setReadKey] = useState<string | undefined>(undefined);
  const readFor = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (key === undefined || readFor.current === key) return;
    readFor.current = key;
    const storage = resolveStorage({ storage: explicitStorage });
    const restored = storage ? read(storage, key) : undefined;
    if (restored) restore(restored);
    setReadKey(key);
  }, [key, explicitStorage, restore]);

  const write = useLatestCallback(() => {
    if (key === undefined || readKey !== key) return;
    const storage = resolveStorage({ storage: explicitStorage });
    if (!storage) return;
    try {
      if (shouldStore) {
        const stored: StoredWizard = { v: 1, step, draft: toStoredDraft(live ? live.get() : draft) };
        storage.setItem(key, JSON.stringify(stored));
      } else {
        storage.removeItem(key);
      }
    } catch {
      // Quota exceeded or storage disabled: persistence is a convenience, the wizard keeps working.
    }
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `write` reads them; a change of any of them writes.
  useEffect(write, [key, readKey, explicitStorage, shouldStore, draft, step, write]);
  useEffect(() => live?.subscribe(write), [live, write]);
}
