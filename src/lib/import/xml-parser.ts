/**
 * The XML parser for KML and GPX. Web Workers have no DOMParser, so the importer uses @xmldom/xmldom in the
 * worker as in Node tests. A parse error throws with its line, which formats/xml.ts puts in the message.
 * DOCTYPE and ENTITY declarations never reach it: formats/xml.ts refuses them first.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { XmlParser } from './types';

export const parseXml: XmlParser = (text) => {
  const parser = new DOMParser({
    onError: (level, message, context) => {
      if (level === 'warning') return;
      const line = (context as { locator?: { lineNumber?: number } } | undefined)?.locator?.lineNumber;
      throw new Error(`${message}${line ? ` (line ${line})` : ''}`);
    }
  });
  try {
    return parser.parseFromString(text, 'text/xml') as unknown as Document;
  } catch (error) {
    // xmldom wraps what onError throws: 'Reporting fatalError "…" caused Error: <message>'.
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.replace(/^Reporting \w+ "[\s\S]*?" caused (?:\w*Error: )?/, ''));
  }
};
