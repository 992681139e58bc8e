import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { getField, setField, toText, VrlError, type Value, type ValueObject } from '../../value/index.js';
import { parseI64Radix, parseRustF64 } from './numbers.js';
import { parseXmlDocument, XmlError, type XmlNode } from './xml.js';

export interface XmlOptions {
  readonly includeAttr: boolean;
  readonly attrPrefix: string;
  readonly textKey: string;
  readonly alwaysUseTextKey: boolean;
  readonly parseBool: boolean;
  readonly parseNull: boolean;
  readonly parseNumber: boolean;
}

function processText(text: string, o: XmlOptions): Value {
  if ((text === '' || text === 'null') && o.parseNull) return null;
  if (text === 'true' && o.parseBool) return true;
  if (text === 'false' && o.parseBool) return false;
  if (!o.parseNumber) return text;
  const int = parseI64Radix(text, 10);
  if (typeof int === 'bigint') return int;
  const float = parseRustF64(text);
  if (typeof float === 'number') return Number.isNaN(float) ? 0 : float;
  return text;
}

function insert(map: ValueObject, key: string, value: Value): void {
  const existing = getField(map, key);
  if (existing === undefined) setField(map, key, value);
  else if (Array.isArray(existing)) existing.push(value);
  else setField(map, key, [existing, value]);
}

function expand(attributes: [string, string][], children: XmlNode[], o: XmlOptions): ValueObject {
  const map: ValueObject = {};
  if (o.includeAttr) for (const [name, value] of attributes) setField(map, `${o.attrPrefix}${name}`, value);
  for (const child of children) {
    if (child.type === 'element') insert(map, child.name, processNode(child, o));
    else if (child.type === 'text') insert(map, o.textKey, processText(child.text, o));
  }
  return map;
}

function processNode(node: XmlNode, o: XmlOptions): Value {
  if (node.type === 'text') return processText(node.text, o);
  // A lone comment or processing instruction: upstream VRL panics here; an empty object is returned.
  if (node.type === 'other') return {};
  if (node.attributes.length > 0 && o.includeAttr) return expand(node.attributes, node.children, o);
  if (o.alwaysUseTextKey && node.attributes.length === 0) return expand(node.attributes, node.children, o);
  if (node.children.length === 1) {
    const only = node.children[0]!;
    if (only.type === 'element') {
      const map: ValueObject = {};
      setField(map, only.name, processNode(only, o));
      return map;
    }
    return processNode(only, o);
  }
  return expand(node.attributes, node.children, o);
}

export function parseXml(text: string, trim: boolean, o: XmlOptions): ValueObject {
  const source = trim ? text.replace(/>\s+?</g, '><') : text;
  let roots: XmlNode[];
  try {
    roots = parseXmlDocument(source);
  } catch (e) {
    if (e instanceof XmlError) throw new VrlError(`unable to parse xml: ${e.message}`);
    throw e;
  }
  return expand([], roots, o);
}

const flag = (value: Value | undefined, fallback: boolean): boolean =>
  value === undefined || value === null ? fallback : (value as boolean);
const text = (value: Value | undefined, fallback: string): string =>
  value === undefined || value === null ? fallback : toText(value as string | Uint8Array);

export const parse_xml: FunctionDef = {
  name: 'parse_xml',
  parameters: [
    required('value', K.BYTES),
    optional('trim', K.BOOLEAN),
    optional('include_attr', K.BOOLEAN),
    optional('attr_prefix', K.BYTES),
    optional('text_key', K.BYTES),
    optional('always_use_text_key', K.BOOLEAN),
    optional('parse_bool', K.BOOLEAN),
    optional('parse_null', K.BOOLEAN),
    optional('parse_number', K.BOOLEAN),
  ],
  compile() {
    return {
      kind: Kind.bytes().or(Kind.object({}, Kind.object({}, Kind.any()))),
      fallible: true,
      pure: true,
      call(
        value,
        trim,
        includeAttr,
        attrPrefix,
        textKey,
        alwaysUseTextKey,
        parseBool,
        parseNull,
        parseNumber,
      ) {
        return parseXml(toText(value as string | Uint8Array), flag(trim, true), {
          includeAttr: flag(includeAttr, true),
          attrPrefix: text(attrPrefix, '@'),
          textKey: text(textKey, 'text'),
          alwaysUseTextKey: flag(alwaysUseTextKey, false),
          parseBool: flag(parseBool, true),
          parseNull: flag(parseNull, true),
          parseNumber: flag(parseNumber, true),
        });
      },
    };
  },
  examples: [
    {
      title: 'Parse XML',
      source: `value = s'<book category="CHILDREN"><title lang="en">Harry Potter</title><author>J K. Rowling</author><year>2005</year></book>';
parse_xml!(value, text_key: "value", parse_number: false)`,
      result:
        '{ "book": { "@category": "CHILDREN", "author": "J K. Rowling", "title": { "@lang": "en", "value": "Harry Potter" }, "year": "2005" } }',
    },
  ],
};
