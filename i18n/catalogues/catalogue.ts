// The shape of a language's catalogue: the keys of the Japanese source catalogue, ICU messages.
import type ja from './ja';

export type MessageId = keyof typeof ja;
/** Messages drawn by the renderer itself (the rest are catalogue error codes' patient texts). */
export type UiMessageId = Exclude<MessageId, `error.${string}`>;
/** tsc refuses a key ja.ts does not have; a missing key is named by i18n/catalogues.test.ts. */
export type Catalogue = Partial<Record<MessageId, string>>;
