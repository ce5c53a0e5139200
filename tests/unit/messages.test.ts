/** Interface strings: each key reads in both languages, and each language reads as itself. */
import { describe, expect, it } from 'vitest';
import { ZH_ALL } from '$lib/i18n/messages';
import { EN } from '$lib/i18n/messages-en';

const HAN = /[\u3400-\u9fff]/;
// Chinese text: Han characters or full-width punctuation (`（{n}）`).
const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
// The language switch names the other language in that language.
const NAMES_OTHER_LANGUAGE = new Set(['switchLanguage', 'switchLanguageLabel']);

describe('interface strings', () => {
  it('every English string is English, placeholders kept', () => {
    const chinese: Record<string, string> = ZH_ALL;
    const wrong = Object.entries(EN).filter(
      ([key, text]) => !NAMES_OTHER_LANGUAGE.has(key) && HAN.test(text)
    );
    expect(wrong).toEqual([]);
    for (const [key, text] of Object.entries(EN)) {
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(text), key).toEqual(holes(chinese[key]!));
    }
  });

  it('every Chinese string is Chinese', () => {
    const chinese: Record<string, string> = ZH_ALL;
    const latinOnly = Object.entries(chinese).filter(
      ([key, text]) => !NAMES_OTHER_LANGUAGE.has(key) && !CHINESE.test(text)
    );
    expect(latinOnly).toEqual([]);
  });
});
