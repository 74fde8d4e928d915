/**
 * Decides whether a response is one akm may send: never a 5xx, and always a well-formed document of one
 * of its wires — RAM JSON, RAM XML or awsQuery XML — whose error fields are all present. XML is checked
 * by a small strict parser (no dependency): balanced tags, legal characters, known entities.
 */
import type { Exchange } from './raw-http.js';

/** The first text of each element name, and the root's name. */
interface XmlDocument {
  readonly root: string;
  readonly texts: ReadonlyMap<string, string>;
}

const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
// Characters XML 1.0 forbids, even escaped.
const ILLEGAL_XML_CHAR = {
  test: (text: string) =>
    [...text].some((c) => {
      const code = c.codePointAt(0) ?? 0;
      return (
        (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff
      );
    }),
};

/** Parses the simple documents akm writes; returns an error message for anything not well-formed. */
export function parseXml(text: string): XmlDocument | string {
  if (ILLEGAL_XML_CHAR.test(text)) return 'illegal XML character';
  let rest = text.replace(/^<\?xml[^?]*\?>/, '');
  const stack: string[] = [];
  const texts = new Map<string, string>();
  let root = '';
  while (rest.length > 0) {
    if (rest.startsWith('<')) {
      const tag = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/.exec(rest);
      if (!tag) return `bad tag at ${JSON.stringify(rest.slice(0, 30))}`;
      const [whole, closing, name = ''] = tag;
      if (closing) {
        if (stack.pop() !== name) return `unbalanced </${name}>`;
      } else {
        if (stack.length === 0 && root !== '') return 'more than one root element';
        if (root === '') root = name;
        if (!tag[4]) stack.push(name);
      }
      rest = rest.slice(whole.length);
      continue;
    }
    const end = rest.indexOf('<');
    const chunk = end < 0 ? rest : rest.slice(0, end);
    if (stack.length === 0 && chunk.trim() !== '') return 'text outside the root element';
    for (let i = chunk.indexOf('&'); i >= 0; i = chunk.indexOf('&', i + 1)) {
      if (!ENTITY.test(chunk.slice(i))) return `bad entity at ${JSON.stringify(chunk.slice(i, i + 10))}`;
    }
    const current = stack[stack.length - 1];
    if (current !== undefined && !texts.has(current)) texts.set(current, chunk);
    rest = end < 0 ? '' : rest.slice(end);
  }
  if (stack.length > 0) return `unclosed <${stack.join('><')}>`;
  return root === '' ? 'no root element' : { root, texts };
}

function checkJson(body: string, isError: boolean): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'body is not JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return 'JSON body is not an object';
  const fields = parsed as Record<string, unknown>;
  const required = isError ? ['RequestId', 'Code', 'Message'] : ['RequestId'];
  const missing = required.filter((name) => typeof fields[name] !== 'string' || fields[name] === '');
  return missing.length > 0 ? `JSON lacks ${missing.join(', ')}` : undefined;
}

function checkXml(body: string, isError: boolean, wire: 'ram' | 'aws'): string | undefined {
  const doc = parseXml(body);
  if (typeof doc === 'string') return `XML not well-formed: ${doc}`;
  if (!isError) return doc.root.endsWith('Response') ? undefined : `unexpected root <${doc.root}>`;
  const root = wire === 'ram' ? 'Error' : 'ErrorResponse';
  if (doc.root !== root) return `error root is <${doc.root}>, not <${root}>`;
  const missing = ['RequestId', 'Code', 'Message'].filter((name) => !doc.texts.get(name));
  return missing.length > 0 ? `XML error lacks ${missing.join(', ')}` : undefined;
}

/** The response's wire error code, when it has one. */
export function errorCodeOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { Code?: unknown };
    return typeof parsed.Code === 'string' ? parsed.Code : undefined;
  } catch {
    return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  }
}

/** What is wrong with the exchange, or undefined when it is a well-formed akm answer. */
export function describeWireProblem(exchange: Exchange): string | undefined {
  if (exchange.kind === 'timeout') return 'no response within the bound';
  if (exchange.kind === 'closed') {
    return `connection closed without a response (${exchange.received.length} bytes received)`;
  }
  const { status, headers, body } = exchange.response;
  if (status >= 500) return `status ${status}`;
  const isError = status >= 400;
  const text = body.toString('utf8');
  const type = headers['content-type'] ?? '';
  if (type === 'application/json;charset=utf-8') return checkJson(text, isError);
  if (type === 'text/xml;charset=utf-8') return checkXml(text, isError, 'ram');
  if (type === 'text/xml') return checkXml(text, isError, 'aws');
  return `unexpected content-type ${JSON.stringify(type)}`;
}
