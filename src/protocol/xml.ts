/** Minimal XML writing for protocol responses, including the output trees both wires render. */
import { formatIsoSeconds } from './format-date.js';
import { OutputList, type OutputObject, type OutputValue } from './operations/output.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// Characters XML 1.0 cannot carry at all; they are dropped rather than producing an unparsable document.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** `<name>escaped text</name>`. */
export function xmlElement(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** The XML declaration every response starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * One element for an output value already keyed by wire names: null and undefined are omitted, dates
 * have second precision, a list is its element wrapping one element per item (named by the list's
 * item name), an empty list an empty element.
 */
export function outputToXml(name: string, value: OutputValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return xmlElement(name, formatIsoSeconds(value));
  if (value instanceof OutputList) {
    return `<${name}>${value.items.map((item) => outputToXml(value.itemName, item)).join('')}</${name}>`;
  }
  if (typeof value === 'object') return `<${name}>${outputFieldsToXml(value)}</${name}>`;
  return xmlElement(name, String(value));
}

/** The elements of every field of an object keyed by wire names, in its key order. */
export function outputFieldsToXml(object: OutputObject): string {
  return Object.entries(object)
    .map(([key, value]) => outputToXml(key, value))
    .join('');
}
