import { describe, expect, it } from 'vitest';
import { clip, httpLink, propertyRows, propertyText } from '../../src/lib/user/feature-text';

describe('a user feature’s properties as text', () => {
  it('links only absolute http and https URLs', () => {
    expect(httpLink('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(httpLink(' HTTP://example.org ')).toBe('http://example.org/');
    expect(httpLink('javascript:alert(1)')).toBeNull();
    expect(httpLink('JaVaScRiPt:alert(1)//https://x')).toBeNull();
    expect(httpLink('data:text/html,<b>x</b>')).toBeNull();
    expect(httpLink('ftp://example.org/file')).toBeNull();
    expect(httpLink('//example.org')).toBeNull();
    expect(httpLink('see https://example.org')).toBeNull();
    expect(httpLink('https://example.org and more')).toBeNull();
    expect(httpLink(42)).toBeNull();
  });

  it('writes every value as text', () => {
    expect(propertyText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(propertyText(3.5)).toBe('3.5');
    expect(propertyText(false)).toBe('false');
    expect(propertyText(null)).toBe('');
    expect(propertyText({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });

  it('keeps the file’s order and cuts to a limit', () => {
    const rows = propertyRows({ name: '站', url: 'https://a.example/', n: 2 }, 2);
    expect(rows).toEqual([
      { name: 'name', text: '站', href: null },
      { name: 'url', text: 'https://a.example/', href: 'https://a.example/' }
    ]);
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
  });
});
