/**
 * The interface language: Chinese by default, English on request, carried in the URL as `?lang=en`
 * so that a link or a reload keeps it. Pure helpers; the page's state lives in lang.svelte.ts.
 */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The language a URL's query asks for; anything but `en` means Chinese. */
export function langFromSearch(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'zh';
}

/** `href` (a site path) with the language parameter set for `lang`; Chinese, the default, has none. */
export function hrefWithLang(href: string, lang: Lang): string {
  const url = new URL(href, 'http://site.invalid');
  if (lang === 'en') url.searchParams.set('lang', 'en');
  else url.searchParams.delete('lang');
  return `${url.pathname}${url.search}${url.hash}`;
}
