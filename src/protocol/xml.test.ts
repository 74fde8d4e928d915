// XML writing: escaping of the five special characters and removal of characters XML cannot carry.

import { describe, expect, it } from 'vitest';
import { escapeXml, XML_DECLARATION, xmlElement } from './xml.js';

describe('escapeXml', () => {
  it.each([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&apos;'],
    [`a<b>&"c"'d'`, 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;'],
    ['&amp;', '&amp;amp;'],
    ['&lt;script&gt;', '&amp;lt;script&amp;gt;'],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeXml(text)).toBe(escaped);
  });

  it('leaves ordinary text, CJK and emoji alone', () => {
    expect(escapeXml('Alice Smith 张三 \u{1F600} ~!@#$%^*()')).toBe('Alice Smith 张三 \u{1F600} ~!@#$%^*()');
  });

  it('keeps the whitespace controls XML allows', () => {
    expect(escapeXml('a\tb\nc\rd')).toBe('a\tb\nc\rd');
  });

  it.each([
    ['NUL', '\u0000'],
    ['U+0008', '\u0008'],
    ['vertical tab', '\u000b'],
    ['form feed', '\u000c'],
    ['U+000E', '\u000e'],
    ['U+001F', '\u001f'],
    ['U+FFFE', '\ufffe'],
    ['U+FFFF', '\uffff'],
  ])('drops %s, which XML 1.0 cannot carry', (_, char) => {
    expect(escapeXml(`a${char}b${char}`)).toBe('ab');
  });

  it('returns the empty string unchanged', () => {
    expect(escapeXml('')).toBe('');
  });
});

describe('xmlElement', () => {
  it('wraps escaped text in the named element', () => {
    expect(xmlElement('Message', 'a < b & "c"')).toBe('<Message>a &lt; b &amp; &quot;c&quot;</Message>');
  });

  it('writes an empty element for empty text', () => {
    expect(xmlElement('Marker', '')).toBe('<Marker></Marker>');
  });
});

describe('XML_DECLARATION', () => {
  it('declares XML 1.0 in UTF-8', () => {
    expect(XML_DECLARATION).toBe('<?xml version="1.0" encoding="UTF-8"?>');
  });
});
