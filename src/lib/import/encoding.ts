/**
 * Text decoding with a sniff: a byte-order mark first (UTF-8, UTF-16 LE/BE), then a strict UTF-8 decode,
 * and GB18030 (a superset of GBK and GB2312) when the bytes are not valid UTF-8. All decoders are the
 * platform's TextDecoder, as in browsers.
 */
import { ImportFailure } from './failure';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

export function decodeText(bytes: Uint8Array): Decoded {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (b0 === 0xff && b1 === 0xfe)
    return { text: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff)
    return { text: strict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  // UTF-16 without a mark: ASCII text has a zero in every other byte, which no 8-bit encoding of text does.
  const zeros = countZeros(bytes.subarray(0, 512));
  if (zeros.odd > 8 && zeros.even === 0) return { text: strict('utf-16le', bytes), encoding: 'utf-16le' };
  if (zeros.even > 8 && zeros.odd === 0) return { text: strict('utf-16be', bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: strict('gb18030', bytes), encoding: 'gb18030' };
  }
}

function countZeros(bytes: Uint8Array): { even: number; odd: number } {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  return { even, odd };
}

function strict(label: string, bytes: Uint8Array): string {
  try {
    const text = new TextDecoder(label, { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) throw new Error('NUL characters in text');
    return text;
  } catch (error) {
    throw new ImportFailure('encoding', {
      detail: `not valid ${label}${error instanceof Error && error.message.includes('NUL') ? ' (binary data)' : ''}`
    });
  }
}
