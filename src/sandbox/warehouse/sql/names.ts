// Result column names as Snowflake gives them: an alias as written (unquoted upper-cased), a column
// reference by its column name, and any other expression by its source text with the words
// upper-cased (strings and quoted identifiers kept as written): COUNT(*), SUM(AMOUNT), 2 + 3.

import type { Token } from './tokenizer.js';

const CLAUSE_END = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'QUALIFY', 'ORDER', 'LIMIT', 'UNION', 'EXCEPT', 'MINUS', 'INTERSECT', 'WINDOW', 'INTO', 'FETCH', 'OFFSET']);
const NOT_ALIAS = new Set(['END', 'NULL', 'TRUE', 'FALSE', 'DESC', 'ASC', 'DISTINCT', 'AND', 'OR', 'NOT']);
const NOT_BEFORE_ALIAS = new Set(['NOT', 'AND', 'OR', 'DISTINCT', 'IS', 'IN', 'LIKE', 'ILIKE', 'THEN', 'ELSE', 'WHEN', 'CASE', 'BETWEEN', 'AS', 'INTERVAL', 'DATE', 'TIMESTAMP', 'TIME']);

/**
 * What an item's source text says of its type where DuckDB's answer is coarser: OBJECT and ARRAY
 * constructors (DuckDB has JSON alone), and an integer literal's precision (SYSTEM$TYPEOF(1) is
 * NUMBER(1,0); DuckDB's INTEGER would be reported as NUMBER(38,0)).
 */
export interface TypeHint {
  type?: 'object' | 'array';
  precision?: number;
}

export interface SelectNames {
  /** Names of the items before a `*` (or of every item when there is none). */
  head: string[];
  /** Names of the items after a `*`; null when the list has no `*`. */
  tail: string[] | null;
  /** Type hints of the items of head and tail, in the same order. */
  headHints?: TypeHint[];
  tailHints?: TypeHint[];
}

/** Functions whose answer Snowflake types OBJECT or ARRAY rather than VARIANT. */
const OBJECT_FUNCTIONS = new Set(['OBJECT_CONSTRUCT', 'OBJECT_CONSTRUCT_KEEP_NULL', 'OBJECT_AGG', 'OBJECT_INSERT', 'OBJECT_DELETE', 'OBJECT_PICK', 'TO_OBJECT', 'AS_OBJECT']);
const ARRAY_FUNCTIONS = new Set([
  'ARRAY_CONSTRUCT', 'ARRAY_CONSTRUCT_COMPACT', 'ARRAY_AGG', 'ARRAYAGG', 'SPLIT', 'STRTOK_TO_ARRAY', 'OBJECT_KEYS', 'ARRAY_APPEND', 'ARRAY_PREPEND',
  'ARRAY_CAT', 'ARRAY_COMPACT', 'ARRAY_DISTINCT', 'ARRAY_SLICE', 'ARRAY_SORT', 'ARRAY_INTERSECTION', 'ARRAY_EXCEPT', 'TO_ARRAY', 'AS_ARRAY',
]);
const SET_OPERATORS = new Set(['UNION', 'EXCEPT', 'MINUS', 'INTERSECT']);

/** The names of the outermost SELECT list of a statement; null when it has none. */
export function selectListNames(all: Token[]): SelectNames | null {
  const s = all.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  const isOp = (k: number, op: string) => s[k]?.kind === 'op' && s[k].text === op;
  const isWord = (k: number, w: string) => s[k]?.kind === 'word' && s[k].value === w;
  if (isWord(0, 'VALUES')) return null;
  let depth = 0;
  let start = -1;
  for (let k = 0; k < s.length; k++) {
    if (isOp(k, '(')) depth++;
    else if (isOp(k, ')')) depth--;
    else if (depth === 0 && isWord(k, 'SELECT')) {
      start = k + 1;
      break;
    }
  }
  if (start < 0) return null;
  if (isWord(start, 'DISTINCT') || isWord(start, 'ALL')) start++;
  if (isWord(start, 'TOP') && s[start + 1]?.kind === 'number') start += 2;
  const items: Token[][] = [[]];
  depth = 0;
  let caseDepth = 0;
  for (let k = start; k < s.length; k++) {
    const t = s[k];
    if (isOp(k, '(') || isOp(k, '[')) depth++;
    if (isOp(k, ')') || isOp(k, ']')) depth--;
    if (depth < 0) break;
    if (isWord(k, 'CASE')) caseDepth++;
    if (isWord(k, 'END') && caseDepth > 0) caseDepth--;
    const withinGroup = (t.value === 'GROUP' && s[k - 1]?.value === 'WITHIN') || s[k - 1]?.text === ':' || s[k - 1]?.text === '.';
    if (depth === 0 && caseDepth === 0 && t.kind === 'word' && CLAUSE_END.has(t.value) && !withinGroup) break;
    if (depth === 0 && isOp(k, ';')) break;
    if (depth === 0 && isOp(k, ',')) items.push([]);
    else items[items.length - 1].push(t);
  }
  const names: Array<string | null> = items.map((item) => itemName(item, all));
  // Another SELECT's literals can widen a column (SELECT 1 UNION ALL SELECT 100).
  depth = 0;
  let setOperation = false;
  for (let k = 0; k < s.length; k++) {
    if (isOp(k, '(')) depth++;
    else if (isOp(k, ')')) depth--;
    else if (depth === 0 && s[k].kind === 'word' && SET_OPERATORS.has(s[k].value)) setOperation = true;
  }
  const hints = items.map((item) => itemHint(item, setOperation));
  const star = names.indexOf(null);
  if (star < 0) return { head: names as string[], tail: null, headHints: hints };
  if (names.lastIndexOf(null) !== star) return { head: names.slice(0, star) as string[], tail: [], headHints: hints.slice(0, star), tailHints: [] };
  return { head: names.slice(0, star) as string[], tail: names.slice(star + 1) as string[], headHints: hints.slice(0, star), tailHints: hints.slice(star + 1) };
}

/** An item's expression: the item without its alias. */
function expressionOf(item: Token[]): Token[] {
  const n = item.length;
  const last = item[n - 1];
  if (n >= 3 && item[n - 2].kind === 'word' && item[n - 2].value === 'AS') return item.slice(0, -2);
  const before = item[n - 2];
  const aliased =
    before !== undefined &&
    (last.kind === 'quoted' || (last.kind === 'word' && !NOT_ALIAS.has(last.value))) &&
    (before.kind === 'quoted' || before.kind === 'number' || before.kind === 'string' || (before.kind === 'word' && !NOT_BEFORE_ALIAS.has(before.value)) || (before.kind === 'op' && (before.text === ')' || before.text === ']'))) &&
    !(before.kind === 'op' && before.text === '.');
  return aliased ? item.slice(0, -1) : item;
}

function itemHint(item: Token[], setOperation: boolean): TypeHint {
  const e = expressionOf(item);
  const n = e.length;
  if (n === 0) return {};
  if (n === 1 && e[0].kind === 'number' && /^\d+$/.test(e[0].text)) return setOperation ? {} : { precision: BigInt(e[0].text).toString().length };
  const kindOf = (name: string) => (OBJECT_FUNCTIONS.has(name) ? 'object' : ARRAY_FUNCTIONS.has(name) ? 'array' : undefined);
  const last = e[n - 1];
  // x::OBJECT, x::ARRAY
  if (n >= 3 && last.kind === 'word' && e[n - 2].text === '::' && (last.value === 'OBJECT' || last.value === 'ARRAY')) return { type: last.value === 'OBJECT' ? 'object' : 'array' };
  // CAST(x AS OBJECT)
  if (e[0].kind === 'word' && e[0].value === 'CAST' && last.text === ')' && e[n - 3]?.value === 'AS' && (e[n - 2].value === 'OBJECT' || e[n - 2].value === 'ARRAY'))
    return { type: e[n - 2].value === 'OBJECT' ? 'object' : 'array' };
  // f(…) as the whole expression (WITHIN GROUP (…) may follow ARRAY_AGG).
  if (e[0].kind === 'word' && kindOf(e[0].value) && e[1]?.text === '(') {
    let depth = 0;
    let end = 1;
    for (; end < n; end++) {
      if (e[end].text === '(') depth++;
      if (e[end].text === ')' && --depth === 0) break;
    }
    const within = e[end + 1]?.value === 'WITHIN' && e[end + 2]?.value === 'GROUP';
    if (end === n - 1 || (within && last.text === ')')) return { type: kindOf(e[0].value) };
  }
  return {};
}

/** One item's name; null for `*` and `t.*`. */
function itemName(item: Token[], all: Token[]): string | null {
  const n = item.length;
  const last = item[n - 1];
  if (!last) return '';
  if (last.kind === 'op' && last.text === '*' && (n === 1 || item[n - 2].text === '.')) return null;
  const partName = (t: Token) => t.value;
  if (n >= 2 && item[n - 2].kind === 'word' && item[n - 2].value === 'AS' && (last.kind === 'word' || last.kind === 'quoted')) return partName(last);
  // A column reference, maybe qualified: its last part.
  const plainRef = item.every((t, i) => (i % 2 === 0 ? t.kind === 'word' || t.kind === 'quoted' : t.kind === 'op' && t.text === '.'));
  if (plainRef && n % 2 === 1) return partName(last);
  // `expr alias` without AS.
  const before = item[n - 2];
  const endsExpression =
    before !== undefined &&
    (before.kind === 'quoted' ||
      before.kind === 'number' ||
      before.kind === 'string' ||
      (before.kind === 'word' && !NOT_BEFORE_ALIAS.has(before.value)) ||
      (before.kind === 'op' && (before.text === ')' || before.text === ']')));
  if (endsExpression && (last.kind === 'quoted' || (last.kind === 'word' && !NOT_ALIAS.has(last.value)))) return partName(last);
  // The source text, words upper-cased.
  const from = item[0].pos;
  const to = last.pos + last.text.length;
  return all
    .filter((t) => t.pos >= from && t.pos < to && t.kind !== 'comment')
    .map((t) => (t.kind === 'word' ? t.text.toUpperCase() : t.text))
    .join('');
}

interface NamedColumn {
  name: string;
  type: string;
  precision: number | null;
  scale: number | null;
}

/** An item's hint on its column, where the type DuckDB gave leaves the room for it. */
function applyHint(c: NamedColumn, hint: TypeHint | undefined): void {
  if (hint?.type && (c.type === 'variant' || c.type === 'array')) c.type = hint.type;
  if (hint?.precision !== undefined && c.type === 'fixed' && c.scale === 0) c.precision = hint.precision;
}

/** Applies Snowflake's names (and type hints) to a result's columns (left as they are when the shapes disagree). */
export function applyNames(columns: NamedColumn[], names: SelectNames | null): void {
  if (!names || names.tail !== null) {
    // VALUES columns: DuckDB's col0, col1 … are Snowflake's COLUMN1, COLUMN2 …
    for (const c of columns) {
      const m = /^col(\d+)$/.exec(c.name);
      if (m) c.name = `COLUMN${Number(m[1]) + 1}`;
    }
    if (!names) return;
  }
  const head = (n: string, i: number) => {
    columns[i].name = n;
    applyHint(columns[i], names.headHints?.[i]);
  };
  if (names.tail === null) {
    if (names.head.length !== columns.length) return;
    names.head.forEach(head);
    return;
  }
  if (names.head.length + names.tail.length > columns.length) return;
  names.head.forEach(head);
  names.tail.forEach((n, i) => {
    const c = columns[columns.length - names.tail!.length + i];
    c.name = n;
    applyHint(c, names.tailHints?.[i]);
  });
}
