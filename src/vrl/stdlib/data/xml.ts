/**
 * A small XML reader producing the tree VRL's `parse_xml` walks (roxmltree's view): elements with local
 * names and attributes, text nodes (CDATA and entity references merged into the text around them),
 * comments and processing instructions. DTDs are refused, as roxmltree does by default. Errors carry
 * roxmltree's wording and `row:column` positions for the common cases.
 */

export type XmlNode =
  | {
      readonly type: 'element';
      readonly name: string;
      readonly attributes: [string, string][];
      readonly children: XmlNode[];
    }
  | { readonly type: 'text'; text: string }
  | { readonly type: 'other' };

export class XmlError extends Error {}

const NAME_START =
  /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDBFF]/;
const NAME_CHAR =
  /[A-Za-z0-9_:.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\uD800-\uDFFF]/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

interface Scope {
  readonly prefixes: Set<string>;
}

class Reader {
  private pos = 0;
  constructor(private readonly text: string) {}

  private at(pos = this.pos): string {
    const t = this.text;
    let row = 1;
    let col = 1;
    for (let i = 0; i < pos && i < t.length; i++) {
      if (t.charCodeAt(i) === 10) {
        row++;
        col = 1;
      } else if (!(t.charCodeAt(i) >= 0xdc00 && t.charCodeAt(i) <= 0xdfff)) col++;
    }
    return `${row}:${col}`;
  }

  private unknownToken(pos = this.pos): XmlError {
    return new XmlError(`unknown token at ${this.at(pos)}`);
  }

  private startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /[ \t\r\n]/.test(this.text[this.pos]!)) this.pos++;
  }

  private fail(message: string, pos = this.pos): XmlError {
    return new XmlError(`${message} at ${this.at(pos)}`);
  }

  private endOfStream(): XmlError {
    return new XmlError('unexpected end of stream');
  }

  /** roxmltree's "expected … not …" for the character at the current position (end of stream if none). */
  private expected(what: string): XmlError {
    const c = this.text[this.pos];
    if (c === undefined) return this.endOfStream();
    return this.fail(`expected ${what} not '${c}'`);
  }

  private ncName(): boolean {
    if (!NAME_START.test(this.text[this.pos] ?? '') || this.text[this.pos] === ':') return false;
    this.pos++;
    while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos]!) && this.text[this.pos] !== ':')
      this.pos++;
    return true;
  }

  /** A qualified name (`prefix:local` or `local`). */
  private name(): string {
    const start = this.pos;
    if (!this.ncName()) throw this.fail('invalid name token', start);
    if (this.text[this.pos] === ':') {
      this.pos++;
      if (!this.ncName() || this.text[this.pos] === ':') throw this.fail('invalid name token', start);
    }
    return this.text.slice(start, this.pos);
  }

  /** Misc items outside the root element: comments, PIs, whitespace. Returns false at a DOCTYPE. */
  private misc(): void {
    for (;;) {
      this.skipSpace();
      if (this.startsWith('<!--')) this.comment();
      else if (this.startsWith('<?')) this.pi();
      else if (this.startsWith('<!DOCTYPE')) throw new XmlError('XML with DTD detected');
      else return;
    }
  }

  private comment(): void {
    const start = this.pos;
    const end = this.text.indexOf('-->', this.pos + 4);
    if (end < 0) throw this.fail("expected '-->'", this.text.length);
    if (this.text.slice(start + 4, end).includes('--'))
      throw new XmlError(`comment at ${this.at(start)} contains '--'`);
    this.pos = end + 3;
  }

  private pi(): void {
    const start = this.pos;
    this.pos += 2;
    const target = this.name();
    if (target === 'xml' && start !== 0) throw this.fail('unexpected XML declaration', start);
    const end = this.text.indexOf('?>', this.pos);
    if (end < 0) throw this.fail("expected '?>'", this.text.length);
    this.pos = end + 2;
  }

  document(): XmlNode[] {
    this.misc();
    if (this.pos >= this.text.length) throw new XmlError('the document does not have a root node');
    if (this.text[this.pos] !== '<') throw this.unknownToken();
    const root = this.element({ prefixes: new Set(['xml']) });
    this.misc();
    if (this.pos < this.text.length) throw this.unknownToken();
    return [root];
  }

  private checkPrefix(qname: string, scope: Scope, pos: number): string {
    const colon = qname.indexOf(':');
    if (colon < 0) return qname;
    const prefix = qname.slice(0, colon);
    if (prefix !== 'xmlns' && !scope.prefixes.has(prefix)) {
      throw new XmlError(`an unknown namespace prefix '${prefix}' at ${this.at(pos)}`);
    }
    return qname.slice(colon + 1);
  }

  private element(parent: Scope): XmlNode {
    const open = this.pos;
    this.pos++; // '<'
    const namePos = this.pos;
    const qname = this.name();
    const raw: [string, string, number][] = [];
    for (;;) {
      // After the name or an attribute value: whitespace, `>` or `/>`.
      const c = this.text[this.pos];
      if (c === undefined) throw new XmlError('the document does not have a root node');
      if (c === '>') break;
      if (c === '/') {
        this.pos++;
        if (this.text[this.pos] !== '>') throw this.expected("'>'");
        this.pos--;
        break;
      }
      if (!/[ \t\r\n]/.test(c)) throw this.expected('a whitespace');
      this.skipSpace();
      const d = this.text[this.pos];
      if (d === undefined) throw this.endOfStream();
      if (d === '>') break;
      if (d === '/') {
        this.pos++;
        if (this.text[this.pos] !== '>') throw this.expected("'>'");
        this.pos--;
        break;
      }
      const attrPos = this.pos;
      const attrName = this.name();
      this.skipSpace();
      if (this.text[this.pos] !== '=') throw this.expected("'='");
      this.pos++;
      this.skipSpace();
      const quote = this.text[this.pos];
      if (quote !== '"' && quote !== "'") throw this.expected('a quote');
      const valueStart = this.pos + 1;
      let end = valueStart;
      while (end < this.text.length && this.text[end] !== quote) {
        if (this.text[end] === '<') {
          this.pos = end;
          throw this.expected(`'${quote}'`);
        }
        end++;
      }
      if (end >= this.text.length) throw this.endOfStream();
      if (raw.some(([n]) => n === attrName)) {
        throw new XmlError(`attribute '${attrName}' at ${this.at(attrPos)} is already defined`);
      }
      raw.push([attrName, this.decode(this.text.slice(valueStart, end), valueStart, true), attrPos]);
      this.pos = end + 1;
    }
    const scope: Scope = { prefixes: new Set(parent.prefixes) };
    for (const [n] of raw) if (n.startsWith('xmlns:')) scope.prefixes.add(n.slice(6));
    const name = this.checkPrefix(qname, scope, namePos);
    const attributes: [string, string][] = [];
    for (const [n, v, p] of raw) {
      if (n === 'xmlns' || n.startsWith('xmlns:')) continue;
      attributes.push([this.checkPrefix(n, scope, p), v]);
    }
    const children: XmlNode[] = [];
    if (this.startsWith('/>')) {
      this.pos += 2;
      return { type: 'element', name, attributes, children };
    }
    this.pos++; // '>'
    let textOpen = false;
    const pushText = (t: string): void => {
      const last = children[children.length - 1];
      if (textOpen && last && last.type === 'text') last.text += t;
      else children.push({ type: 'text', text: t });
      textOpen = true;
    };
    for (;;) {
      if (this.pos >= this.text.length) throw new XmlError('the root node was opened but never closed');
      if (this.startsWith('</')) {
        const closePos = this.pos;
        this.pos += 2;
        const closeName = this.name();
        this.skipSpace();
        if (this.text[this.pos] !== '>') throw this.expected("'>'");
        this.pos++;
        if (closeName !== qname)
          throw new XmlError(`expected '${qname}' tag, not '${closeName}' at ${this.at(closePos)}`);
        void open;
        return { type: 'element', name, attributes, children };
      }
      if (this.startsWith('<!--')) {
        this.comment();
        children.push({ type: 'other' });
        textOpen = false;
      } else if (this.startsWith('<![CDATA[')) {
        const end = this.text.indexOf(']]>', this.pos + 9);
        if (end < 0) throw this.fail("expected ']]>'", this.text.length);
        pushText(this.text.slice(this.pos + 9, end));
        this.pos = end + 3;
      } else if (this.startsWith('<?')) {
        this.pi();
        children.push({ type: 'other' });
        textOpen = false;
      } else if (this.startsWith('<')) {
        if (this.pos + 1 >= this.text.length || this.startsWith('<!')) throw this.unknownToken();
        children.push(this.element(scope));
        textOpen = false;
      } else {
        const next = this.text.indexOf('<', this.pos);
        const end = next < 0 ? this.text.length : next;
        const cdataEnd = this.text.slice(this.pos, end).indexOf(']]>');
        if (cdataEnd >= 0) {
          throw new XmlError(`']]>' at ${this.at(end)} is not allowed inside a character data`);
        }
        pushText(this.decode(this.text.slice(this.pos, end), this.pos, false));
        this.pos = end;
      }
    }
  }

  /** Entity and character references; attribute values also normalize whitespace characters to spaces. */
  private decode(raw: string, offset: number, attribute: boolean): string {
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (c === '&') {
        const semi = raw.indexOf(';', i);
        if (semi < 0) throw this.fail('malformed entity reference', offset + i);
        const ref = raw.slice(i + 1, semi);
        let decoded: string | undefined;
        if (/^#x[0-9a-fA-F]+$/.test(ref)) decoded = fromCodePoint(parseInt(ref.slice(2), 16));
        else if (/^#[0-9]+$/.test(ref)) decoded = fromCodePoint(parseInt(ref.slice(1), 10));
        else decoded = ENTITIES[ref];
        if (decoded === undefined) {
          if (!/^[A-Za-z_:][A-Za-z0-9_:.-]*$/.test(ref))
            throw this.fail('malformed entity reference', offset + i);
          throw new XmlError(`unknown entity reference '${ref}' at ${this.at(offset + i)}`);
        }
        out += decoded;
        i = semi;
      } else if (c === '\r') {
        // End-of-line normalization: CRLF and CR become LF.
        if (raw[i + 1] !== '\n') out += attribute ? ' ' : '\n';
      } else if (attribute && (c === '\n' || c === '\t')) {
        out += ' ';
      } else {
        out += c;
      }
    }
    return out;
  }
}

function fromCodePoint(cp: number): string | undefined {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0) return undefined;
  return String.fromCodePoint(cp);
}

/** The root's children (the root element). Throws `XmlError`. */
export function parseXmlDocument(text: string): XmlNode[] {
  return new Reader(text).document();
}
