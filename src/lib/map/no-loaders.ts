/**
 * Stands in for @loaders.gl/core and @loaders.gl/images in the browser bundle (vite.config.ts aliases
 * them here). deck.gl imports them to fetch layer data and images given as URLs; this site hands every
 * layer its data as arrays and draws no images, so the ~60 kB of loaders would be downloaded and never
 * run. A layer given a URL fails loudly instead of silently.
 */
const unsupported = (what: string) => () => {
  throw new Error(`${what}: deck.gl data from URLs is not part of this build; pass the data itself`);
};

export const registerLoaders = (): void => {};
export const load = unsupported('load');
export const parse = unsupported('parse');
export const fetchFile = unsupported('fetchFile');
/** A placeholder where deck.gl registers its image loader; never used to load anything here. */
export const ImageLoader = { id: 'image', name: 'Images (not included)', extensions: [], mimeTypes: [] };
