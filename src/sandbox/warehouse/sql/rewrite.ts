// Snowflake SQL to DuckDB SQL, token by token: unquoted identifiers fold to upper case (Snowflake's
// rule), string literals are re-quoted in DuckDB's syntax, Snowflake-only functions and type names
// are mapped, session functions become literals and INFORMATION_SCHEMA views become subqueries.

import { notAvailableInSandbox, syntaxError } from '../errors.js';
import { duckString, lineAndPosition, quoteIdent, type Token } from './tokenizer.js';
import { duckTypeFor } from './types.js';

export interface RewriteContext {
  /** Values of CURRENT_ROLE() and friends. */
  sessionFunctions: Record<string, string>;
  /** SQL (a parenthesised subquery) for DB.INFORMATION_SCHEMA.<view>; db null means current. */
  informationSchema(db: string | null, view: string): string;
  /** Column-definition mode: the paren depth whose items are `name TYPE …` (CREATE TABLE). */
  columnListDepth?: number;
  /** Index (in significant tokens) after which a single `name TYPE` definition follows (ADD COLUMN). */
  columnDefinitionAt?: number;
}

const UNIT_FUNCTIONS = new Set([
  'DATEADD',
  'TIMEADD',
  'TIMESTAMPADD',
  'DATEDIFF',
  'TIMEDIFF',
  'TIMESTAMPDIFF',
  'DATE_TRUNC',
  'TIME_SLICE',
  'DATE_PART',
]);

const RENAMED_FUNCTIONS: Record<string, string> = {
  TO_TIMESTAMP: 'SF_TO_TIMESTAMP_NTZ',
  TO_TIMESTAMP_NTZ: 'SF_TO_TIMESTAMP_NTZ',
  TO_TIMESTAMP_LTZ: 'SF_TO_TIMESTAMP_LTZ',
  TO_TIMESTAMP_TZ: 'SF_TO_TIMESTAMP_LTZ',
  TRY_TO_TIMESTAMP: 'SF_TRY_TO_TIMESTAMP_NTZ',
  DATEADD: 'SF_DATEADD',
  TIMEADD: 'SF_DATEADD',
  TIMESTAMPADD: 'SF_DATEADD',
};

const PAREN_LESS = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'LOCALTIMESTAMP']);
const INFO_VIEWS = new Set(['COLUMNS', 'TABLES', 'SCHEMATA', 'VIEWS']);
const CONSTRAINT_WORDS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK']);

export function rewrite(all: Token[], sql: string, ctx: RewriteContext): string {
  const s = all.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  // Whether whitespace separated significant token k-1 and k in the source.
  const spaced: boolean[] = [];
  {
    let k = 0;
    let gap = false;
    for (const t of all) {
      if (t.kind === 'space' || t.kind === 'comment') gap = true;
      else {
        spaced[k++] = gap;
        gap = false;
      }
    }
  }
  const out: string[] = [];
  const emit = (k: number, text: string) => {
    if (out.length > 0 && spaced[k]) out.push(' ');
    out.push(text);
  };
  const isOp = (k: number, op: string) => s[k]?.kind === 'op' && s[k].text === op;
  const isWord = (k: number, w?: string) => s[k]?.kind === 'word' && (w === undefined || s[k].value === w);
  const isName = (k: number) => s[k]?.kind === 'word' || s[k]?.kind === 'quoted';

  const parens: Array<'cast' | 'other'> = [];
  let expectType = false;

  for (let j = 0; j < s.length; j++) {
    const t = s[j];

    if (expectType && t.kind === 'word') {
      expectType = false;
      const j0 = j;
      let name = t.value;
      if (name === 'DOUBLE' && isWord(j + 1, 'PRECISION')) j++;
      if ((name === 'CHARACTER' || name === 'CHAR') && isWord(j + 1, 'VARYING')) {
        j++;
        name = 'VARCHAR';
      }
      const args: number[] = [];
      if (isOp(j + 1, '(')) {
        let k = j + 2;
        while (s[k] && !isOp(k, ')')) {
          if (s[k].kind === 'number') args.push(Number(s[k].text));
          k++;
        }
        j = k;
      }
      const mapped = duckTypeFor(name, args);
      if (mapped) {
        emit(j0, mapped);
        continue;
      }
      j = j0;
    }
    expectType = false;

    switch (t.kind) {
      case 'quoted': {
        const qi = tryInformationSchema(j);
        if (qi !== null) {
          j = qi;
          continue;
        }
        emit(j, quoteIdent(t.value));
        maybeColumnDefinition(j);
        break;
      }
      case 'string':
        emit(j, duckString(t.value));
        break;
      case 'param':
        emit(j, t.text === '?' ? '?' : `$${t.text.slice(1)}`);
        break;
      case 'op':
        if (t.text === '(') parens.push(isWord(j - 1, 'CAST') || isWord(j - 1, 'TRY_CAST') ? 'cast' : 'other');
        if (t.text === ')') parens.pop();
        if (t.text === '::') expectType = true;
        emit(j, t.text);
        break;
      case 'word': {
        const w = t.value;
        if (w.startsWith('SYSTEM$')) throw notAvailableInSandbox(w);
        if (w === 'SNOWFLAKE' && isOp(j + 1, '.') && isWord(j + 2, 'CORTEX')) throw notAvailableInSandbox('SNOWFLAKE.CORTEX functions (Cortex Search)');
        const wi = tryInformationSchema(j);
        if (wi !== null) {
          j = wi;
          continue;
        }
        const followedByCall = isOp(j + 1, '(');
        if (followedByCall && isOp(j + 2, ')') && w in ctx.sessionFunctions) {
          emit(j, ctx.sessionFunctions[w]);
          j += 2;
          continue;
        }
        if (followedByCall && isOp(j + 2, ')') && PAREN_LESS.has(w)) {
          emit(j, w);
          j += 2;
          continue;
        }
        if (w === 'AS' && parens[parens.length - 1] === 'cast') {
          emit(j, w);
          expectType = true;
          continue;
        }
        if (followedByCall && UNIT_FUNCTIONS.has(w) && isWord(j + 2) && isOp(j + 3, ',')) {
          emit(j, RENAMED_FUNCTIONS[w] ?? w);
          emit(j + 1, '(');
          parens.push('other');
          emit(j + 2, duckString(s[j + 2].value.toLowerCase()));
          j += 2;
          continue;
        }
        emit(j, followedByCall ? (RENAMED_FUNCTIONS[w] ?? w) : w);
        maybeColumnDefinition(j);
        break;
      }
      default:
        emit(j, t.text);
    }
  }
  return out.join('');

  /** DB.INFORMATION_SCHEMA.VIEW or INFORMATION_SCHEMA.VIEW starting at k. */
  function tryInformationSchema(k: number): number | null {
    if (isName(k) && isOp(k + 1, '.') && isWord(k + 2, 'INFORMATION_SCHEMA') && isOp(k + 3, '.') && isWord(k + 4) && s[k].value !== 'INFORMATION_SCHEMA') {
      const view = s[k + 4].value;
      if (!INFO_VIEWS.has(view)) throw unknownView(k + 4);
      emit(k, ctx.informationSchema(s[k].value, view));
      return k + 4;
    }
    if (isWord(k, 'INFORMATION_SCHEMA') && isOp(k + 1, '.') && isWord(k + 2) && !isOp(k - 1, '.')) {
      const view = s[k + 2].value;
      if (!INFO_VIEWS.has(view)) throw unknownView(k + 2);
      emit(k, ctx.informationSchema(null, view));
      return k + 2;
    }
    return null;
  }

  function unknownView(k: number): Error {
    const { line, position } = lineAndPosition(sql, s[k].pos);
    return syntaxError(line, position, s[k].text);
  }

  /** In a column list, the name at the start of an item is followed by its type. */
  function maybeColumnDefinition(k: number): void {
    if (ctx.columnDefinitionAt !== undefined && k === ctx.columnDefinitionAt) {
      expectType = true;
      return;
    }
    if (ctx.columnListDepth === undefined || parens.length !== ctx.columnListDepth) return;
    if (!(isOp(k - 1, '(') || isOp(k - 1, ','))) return;
    if (s[k].kind === 'word' && CONSTRAINT_WORDS.has(s[k].value)) return;
    expectType = true;
  }
}
