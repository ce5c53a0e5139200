/**
 * The page's interface language as reactive state, and the string lookup that follows it. The Chinese
 * strings come with every page; the English ones (messages-en.ts) are downloaded the first time a page
 * switches to English, so that a visit in Chinese never carries them. Until they arrive, a few
 * milliseconds, the lookup answers in Chinese, as the prerendered page already reads.
 */
import type { Lang } from './lang';
import type { MessageKey } from './messages';
import { ZH_SHELL, type ShellKey } from './messages-shell';

class LanguageState {
  #current = $state<Lang>('zh');
  /** The English strings, once loaded. */
  english = $state.raw<Record<MessageKey, string> | null>(null);

  get current(): Lang {
    return this.#current;
  }

  set current(lang: Lang) {
    this.#current = lang;
    if (lang === 'en') void loadEnglish();
  }
}

/** The one language state of the page; set from the URL when the app starts in the browser. */
export const language = new LanguageState();

let englishLoad: Promise<void> | null = null;

/** Loads the English strings once; a failed load may be retried on the next switch. */
function loadEnglish(): Promise<void> {
  englishLoad ??= import('./messages-en').then(
    ({ EN }) => {
      language.english = EN;
    },
    (error: unknown) => {
      englishLoad = null;
      throw error;
    }
  );
  return englishLoad;
}

/**
 * Starts loading the English strings without switching to them, for a page that knows before it runs that
 * it will be shown in English; switching later uses the same load (or tries again if this one failed).
 */
export function prepareEnglish(): void {
  loadEnglish().catch(() => {});
}

/**
 * The page shell's string for `key` in the current language. Everything else looks its strings up with
 * `t` from messages.ts, which carries them.
 */
export function t(key: ShellKey): string {
  return ((language.current === 'en' ? language.english : null) ?? ZH_SHELL)[key];
}
