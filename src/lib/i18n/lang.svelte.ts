/** The page's interface language as reactive state, and the string lookup that follows it. */
import type { Lang } from './lang';
import { MESSAGES, type MessageKey } from './messages';

class LanguageState {
  current = $state<Lang>('zh');
}

/** The one language state of the page; set from the URL when the app starts in the browser. */
export const language = new LanguageState();

/** The interface string for `key` in the current language. */
export function t(key: MessageKey): string {
  return MESSAGES[language.current][key];
}
