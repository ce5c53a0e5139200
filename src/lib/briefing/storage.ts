/** The presenter's deck kept in the browser (localStorage), read back through the same validation as a file. */
import { parseDeck, serialiseDeck, type Deck } from './deck';

export const DECK_STORAGE_KEY = 'qingdao-plan-map:briefing-deck';

export type StoredDeck = { deck: Deck | null; problem: string | null };

/** The stored deck, null when none is stored; a stored deck that no longer reads is reported, not used. */
export function loadStoredDeck(storage: Pick<Storage, 'getItem'> | undefined): StoredDeck {
  let text: string | null = null;
  try {
    text = storage?.getItem(DECK_STORAGE_KEY) ?? null;
  } catch {
    return { deck: null, problem: null };
  }
  if (text === null) return { deck: null, problem: null };
  const reading = parseDeck(text);
  return reading.ok ? { deck: reading.deck, problem: null } : { deck: null, problem: reading.problem };
}

export function storeDeck(storage: Pick<Storage, 'setItem'> | undefined, deck: Deck): void {
  try {
    storage?.setItem(DECK_STORAGE_KEY, serialiseDeck(deck));
  } catch {
    // Storage full or refused (private browsing): the deck lives on in the page until it is closed.
  }
}

export function forgetDeck(storage: Pick<Storage, 'removeItem'> | undefined): void {
  try {
    storage?.removeItem(DECK_STORAGE_KEY);
  } catch {
    // Nothing stored to forget.
  }
}
