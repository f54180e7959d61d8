// Result column names as Snowflake gives them: an alias as written (unquoted upper-cased), a column
// reference by its column name, and any other expression by its source text with the words
// upper-cased (strings and quoted identifiers kept as written): COUNT(*), SUM(AMOUNT), 2 + 3.

import type { Token } from './tokenizer.js';

const CLAUSE_END = new Set(['FROM', 'WHERE', 'GROUP', 'HAVING', 'QUALIFY', 'ORDER', 'LIMIT', 'UNION', 'EXCEPT', 'MINUS', 'INTERSECT', 'WINDOW', 'INTO', 'FETCH', 'OFFSET']);
const NOT_ALIAS = new Set(['END', 'NULL', 'TRUE', 'FALSE', 'DESC', 'ASC', 'DISTINCT', 'AND', 'OR', 'NOT']);
const NOT_BEFORE_ALIAS = new Set(['NOT', 'AND', 'OR', 'DISTINCT', 'IS', 'IN', 'LIKE', 'ILIKE', 'THEN', 'ELSE', 'WHEN', 'CASE', 'BETWEEN', 'AS', 'INTERVAL', 'DATE', 'TIMESTAMP', 'TIME']);

export interface SelectNames {
  /** Names of the items before a `*` (or of every item when there is none). */
  head: string[];
  /** Names of the items after a `*`; null when the list has no `*`. */
  tail: string[] | null;
}

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
  const star = names.indexOf(null);
  if (star < 0) return { head: names as string[], tail: null };
  if (names.lastIndexOf(null) !== star) return { head: names.slice(0, star) as string[], tail: [] };
  return { head: names.slice(0, star) as string[], tail: names.slice(star + 1) as string[] };
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

/** Applies Snowflake's names to a result's columns (left as they are when the shapes disagree). */
export function applyNames(columns: Array<{ name: string }>, names: SelectNames | null): void {
  if (!names || names.tail !== null) {
    // VALUES columns: DuckDB's col0, col1 … are Snowflake's COLUMN1, COLUMN2 …
    for (const c of columns) {
      const m = /^col(\d+)$/.exec(c.name);
      if (m) c.name = `COLUMN${Number(m[1]) + 1}`;
    }
    if (!names) return;
  }
  if (names.tail === null) {
    if (names.head.length !== columns.length) return;
    names.head.forEach((n, i) => (columns[i].name = n));
    return;
  }
  if (names.head.length + names.tail.length > columns.length) return;
  names.head.forEach((n, i) => (columns[i].name = n));
  names.tail.forEach((n, i) => (columns[columns.length - names.tail!.length + i].name = n));
}
