import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { formatMessage, mergeMessages } from '../i18n/format';
import { defaultMessages, type MessageOverrides, type Messages } from '../i18n/messages.en';

const MessagesContext = createContext<Messages>(defaultMessages);

/**
 * The dictionary in effect: the nearest wizard's (through context), with this component's own `messages`
 * overrides on top. Components used alone need no provider.
 */
export function useMessages(overrides?: MessageOverrides): Messages {
  const inherited = useContext(MessagesContext);
  return useMemo(() => mergeMessages(overrides, inherited), [overrides, inherited]);
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
    node = typeof node === 'object' && node !== null && Object.hasOwn(node, part) ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === 'string' ? formatMessage(node, values) : key;
}
