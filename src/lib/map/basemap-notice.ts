/**
 * The notice for a street basemap given up: which provider, and why, in the page's language. Loaded only
 * when a provider fails, so a first visit carries neither these strings nor the street layers.
 */
import { fill } from '$lib/i18n/format';
import { language } from '$lib/i18n/lang.svelte';
import { t } from '$lib/i18n/messages';
import { streetProvider, type StreetFailure } from './basemaps';
import { STREET_TIMEOUT_MS } from './street-layers';

export function basemapNoticeText(failure: StreetFailure): string {
  const provider = streetProvider(failure.provider);
  const name = provider
    ? language.current === 'zh'
      ? provider.name_zh
      : provider.name_en
    : failure.provider;
  const reason =
    failure.reason === 'http'
      ? fill(t('basemapFailedHttp'), { status: failure.status ?? '?' })
      : failure.reason === 'timeout'
        ? fill(t('basemapFailedTimeout'), { s: STREET_TIMEOUT_MS / 1000 })
        : failure.reason === 'undecodable'
          ? t('basemapFailedUndecodable')
          : t('basemapFailedNetwork');
  return fill(t('basemapFailed'), { provider: name, reason });
}
