// A cursor over a statement's significant tokens for the hand-written account-statement parser.

import { syntaxError } from '../errors.js';
import { lineAndPosition, type Token } from './tokenizer.js';

export class Cursor {
  i = 0;
  constructor(
    readonly tokens: Token[],
    readonly sql: string,
  ) {}

  peek(n = 0): Token | undefined {
    return this.tokens[this.i + n];
  }

  atEnd(): boolean {
    return this.i >= this.tokens.length;
  }

  /** True (and consumes them) when the next tokens are exactly these words. */
  acceptWords(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) {
      const t = this.peek(k);
      if (!t || t.kind !== 'word' || t.value !== words[k]) return false;
    }
    this.i += words.length;
    return true;
  }

  isWord(...words: string[]): boolean {
    const t = this.peek();
    return !!t && t.kind === 'word' && words.includes(t.value);
  }

  expectWords(...words: string[]): void {
    if (!this.acceptWords(...words)) throw this.unexpected();
  }

  acceptOp(op: string): boolean {
    const t = this.peek();
    if (t && t.kind === 'op' && t.text === op) {
      this.i++;
      return true;
    }
    return false;
  }

  expectOp(op: string): void {
    if (!this.acceptOp(op)) throw this.unexpected();
  }

  /** One identifier part: unquoted folds to upper case, quoted keeps its case. */
  identifier(): string {
    const t = this.peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) throw this.unexpected();
    this.i++;
    return t.value;
  }

  /** A dotted name such as DB.SCHEMA."OBJECT". */
  qualifiedName(): string[] {
    const parts = [this.identifier()];
    while (this.acceptOp('.')) parts.push(this.identifier());
    return parts;
  }

  string(): string {
    const t = this.peek();
    if (!t || t.kind !== 'string') throw this.unexpected();
    this.i++;
    return t.value;
  }

  /** A property value: string, number, identifier or TRUE/FALSE, as text. */
  value(): string {
    const t = this.peek();
    if (!t) throw this.unexpected();
    if (t.kind === 'string' || t.kind === 'number' || t.kind === 'word' || t.kind === 'quoted') {
      this.i++;
      return t.value;
    }
    throw this.unexpected();
  }

  expectEnd(): void {
    if (!this.atEnd()) throw this.unexpected();
  }

  unexpected(): Error {
    const t = this.peek();
    if (!t) {
      const { line, position } = lineAndPosition(this.sql, this.sql.trimEnd().length);
      return syntaxError(line, position, '');
    }
    const { line, position } = lineAndPosition(this.sql, t.pos);
    return syntaxError(line, position, t.text);
  }
}
