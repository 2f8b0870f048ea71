import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { formatMessage, isObject, mergeInto } from '../i18n/format';
import { defaultMessages, type MessageOverrides, type Messages } from '../i18n/messages.en';

// No default value: a default of `defaultMessages` would pull the whole dictionary into every component's bundle.
const MessagesContext = /* @__PURE__ */ createContext<Messages | undefined>(undefined);

/**
 * The sections of the dictionary a component shows, in effect for it: the nearest wizard's (through context), else
 * the English `sections` it passes, with its own `messages` overrides on top. A component passes only the sections
 * it needs (`{ storeHash: storeHashMessages }`, a module constant), so used alone it bundles only their text.
 *
 * @example
 * const STORE_HASH_MESSAGES = { storeHash: storeHashMessages };
 * const messages = useMessageSections(STORE_HASH_MESSAGES, props.messages); // messages.storeHash.label
 */
export function useMessageSections<S extends Partial<Messages>>(sections: S, overrides?: MessageOverrides): S {
  const inherited = useContext(MessagesContext);
  return useMemo(() => {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(sections) as Array<keyof Messages>) {
      result[key] = mergeInto(inherited?.[key] ?? sections[key], overrides?.[key]);
    }
    return result as S;
  }, [sections, inherited, overrides]);
}

/**
 * The whole dictionary in effect: the nearest wizard's (through context), with `overrides` on top. For the wizard's
 * parts, which show every section; components used alone need no provider.
 */
export function useMessages(overrides?: MessageOverrides): Messages {
  return useMessageSections(defaultMessages, overrides);
}

/** Passes a merged dictionary to every component below (the wizard uses it for its steps). */
export function MessagesProvider({ messages, children }: { messages: Messages; children: ReactNode }) {
  return <MessagesContext.Provider value={messages}>{children}</MessagesContext.Provider>;
}

/**
 * Looks up a dotted key such as `storeHash.rejected.empty` (the keys `FieldError.message` carries) and fills its
 * placeholders. An unknown key returns the key itself, which a test will notice.
 */
export function translate(messages: Messages, key: string, values?: Record<string, string | number>): string {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    node = isObject(node) && Object.hasOwn(node, part) ? node[part] : undefined;
  }
  return typeof node === 'string' ? formatMessage(node, values) : key;
}
