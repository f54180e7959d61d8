// A small quote- and comment-aware SQL tokenizer for Snowflake's lexical rules. It is the one place
// that knows where strings, quoted identifiers and comments begin and end, so everything that
// rewrites or classifies statements works on tokens and never on raw text.

export type TokenKind =
  | 'word' // unquoted identifier or keyword
  | 'quoted' // "Quoted Identifier"
  | 'string' // 'literal' or $$literal$$ (value holds the decoded text)
  | 'number'
  | 'param' // ? or :1 or $1
  | 'op' // operators and punctuation
  | 'space'
  | 'comment';

export interface Token {
  kind: TokenKind;
  /** The exact source text. */
  text: string;
  /** words: upper-cased; quoted: the name inside the quotes; string: the decoded value. */
  value: string;
  /** Offset of the first character in the statement. */
  pos: number;
}

export class TokenizeError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_$]/;
const TWO_CHAR_OPS = new Set(['::', '<=', '>=', '<>', '!=', '||', '=>', '->']);

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, value?: string) => {
    const text = sql.slice(start, i);
    tokens.push({ kind, text, value: value ?? text, pos: start });
  };
  while (i < sql.length) {
    const start = i;
    const c = sql[i];
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      while (i < sql.length && /\s/.test(sql[i])) i++;
      push('space', start);
    } else if ((c === '-' && next === '-') || (c === '/' && next === '/')) {
      while (i < sql.length && sql[i] !== '\n') i++;
      push('comment', start);
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw new TokenizeError('unterminated comment', start);
      i = end + 2;
      push('comment', start);
    } else if (c === "'") {
      i++;
      let value = '';
      for (;;) {
        if (i >= sql.length) throw new TokenizeError('unterminated string literal', start);
        const ch = sql[i];
        if (ch === '\\' && i + 1 < sql.length) {
          value += unescape(sql[i + 1]);
          i += 2;
        } else if (ch === "'" && sql[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      push('string', start, value);
    } else if (c === '$' && next === '$') {
      const end = sql.indexOf('$$', i + 2);
      if (end < 0) throw new TokenizeError('unterminated $$ string', start);
      const value = sql.slice(i + 2, end);
      i = end + 2;
      push('string', start, value);
    } else if (c === '"') {
      i++;
      let value = '';
      for (;;) {
        if (i >= sql.length) throw new TokenizeError('unterminated quoted identifier', start);
        if (sql[i] === '"' && sql[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (sql[i] === '"') {
          i++;
          break;
        } else {
          value += sql[i++];
        }
      }
      push('quoted', start, value);
    } else if (WORD_START.test(c)) {
      while (i < sql.length && WORD_PART.test(sql[i])) i++;
      push('word', start, sql.slice(start, i).toUpperCase());
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next ?? ''))) {
      while (i < sql.length && /[0-9.]/.test(sql[i])) i++;
      if (/[eE]/.test(sql[i] ?? '') && /[-+0-9]/.test(sql[i + 1] ?? '')) {
        i += 2;
        while (i < sql.length && /[0-9]/.test(sql[i])) i++;
      }
      push('number', start);
    } else if (c === '?') {
      i++;
      push('param', start);
    } else if ((c === ':' || c === '$') && /[0-9]/.test(next ?? '')) {
      i++;
      while (i < sql.length && /[0-9]/.test(sql[i])) i++;
      push('param', start);
    } else if (next !== undefined && TWO_CHAR_OPS.has(c + next)) {
      i += 2;
      push('op', start);
    } else {
      i++;
      push('op', start);
    }
  }
  return tokens;
}

function unescape(ch: string): string {
  switch (ch) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    default:
      return ch;
  }
}

/** Tokens that carry meaning (no spaces, no comments). */
export function significant(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

/** Splits a token list into statements at top-level semicolons; empty statements are dropped. */
export function splitStatements(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'op' && t.text === ';') {
      out.push(current);
      current = [];
    } else {
      current.push(t);
    }
  }
  out.push(current);
  return out.filter((s) => significant(s).length > 0);
}

/** 1-based line and 0-based position of an offset, as Snowflake reports them. */
export function lineAndPosition(sql: string, offset: number): { line: number; position: number } {
  const before = sql.slice(0, offset);
  const line = before.split('\n').length;
  const position = offset - (before.lastIndexOf('\n') + 1);
  return { line, position };
}

/** SQL text for a string literal in DuckDB's syntax. */
export function duckString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A quoted identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
