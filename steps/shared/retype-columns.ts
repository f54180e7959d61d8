// A column the table already holds with another type than the tutorial's: made by a real connector
// from other data, or by an older sandbox connector that fixed a type from nulls alone (a field
// null in every record before a pause became TEXT). The column check explains it and, when every
// value the column holds converts, offers to convert it in place: add a column of the right
// type, copy the values across with TRY_CAST, drop the old one, rename. Nothing is lost.
import type { WarehousePort } from '../../src/engine/ports.js';
import { ident } from '../../src/sql.js';
import type { SqlNames } from './snowflake.js';

export interface TypeDifference {
  name: string;
  expected: string;
  actual: string;
}

export interface RetypePlan {
  /** Differences that convert without loss, with how many values they hold. */
  convertible: Array<TypeDifference & { values: number }>;
  /** Differences that do not (values that would not convert, or a conversion not offered). */
  blocked: Array<TypeDifference & { why: string }>;
  /** The statements that convert the convertible ones, in order. */
  statements: string[];
}

/** The tutorial's types as the connector writes them (NUMBER keeps six decimals). */
const TARGET: Record<string, { ddl: string; from: (column: string) => string }> = {
  NUMBER: { ddl: 'NUMBER(38,6)', from: (c) => `TRY_CAST(${c} AS NUMBER(38,6))` },
  BOOLEAN: { ddl: 'BOOLEAN', from: (c) => `TRY_CAST(${c} AS BOOLEAN)` },
  VARIANT: { ddl: 'VARIANT', from: (c) => `TRY_PARSE_JSON(${c})` },
};

function tableOf(names: SqlNames): string {
  return `${ident(names.DATABASE)}.PUBLIC.${ident(names.TABLE)}`;
}

export async function planRetype(w: WarehousePort, names: SqlNames, differences: TypeDifference[]): Promise<RetypePlan> {
  const plan: RetypePlan = { convertible: [], blocked: [], statements: [] };
  const table = tableOf(names);
  for (const d of differences) {
    const target = TARGET[d.expected];
    if (d.actual !== 'TEXT' || !target) {
      plan.blocked.push({ ...d, why: `converting ${d.actual} to ${d.expected} is not offered` });
      continue;
    }
    const column = ident(d.name);
    const [row] = await w.execute(`SELECT COUNT(${column}) AS HELD, COUNT(${target.from(column)}) AS CONVERTED FROM ${table}`);
    const held = Number(row?.HELD ?? 0);
    const converted = Number(row?.CONVERTED ?? 0);
    if (converted < held) {
      plan.blocked.push({ ...d, why: `${held - converted} of its ${held} values are not ${d.expected}` });
      continue;
    }
    plan.convertible.push({ ...d, values: held });
    const temp = ident(`${d.name}${COPY_SUFFIX}`);
    plan.statements.push(
      `ALTER TABLE ${table} ADD COLUMN ${temp} ${target.ddl}`,
      `UPDATE ${table} SET ${temp} = ${target.from(column)}`,
      `ALTER TABLE ${table} DROP COLUMN ${column}`,
      `ALTER TABLE ${table} RENAME COLUMN ${temp} TO ${column}`,
    );
  }
  return plan;
}

const COPY_SUFFIX = '_RETYPED';

/**
 * A conversion killed midway leaves its copy column behind. With the original still there the copy
 * may be partial: it is dropped and the conversion starts over. Without it (dropped after the copy
 * was complete) the copy is renamed into place. Returns what was done, for a note.
 */
export async function finishInterruptedRetype(w: WarehousePort, names: SqlNames, columns: readonly string[]): Promise<string[]> {
  const table = tableOf(names);
  const present = new Set(columns);
  const done: string[] = [];
  for (const copy of columns.filter((c) => c.endsWith(COPY_SUFFIX))) {
    const original = copy.slice(0, -COPY_SUFFIX.length);
    if (present.has(original)) {
      await w.execute(`ALTER TABLE ${table} DROP COLUMN ${ident(copy)}`);
      done.push(`dropped ${copy}, left by a conversion of ${original} that was interrupted`);
    } else {
      await w.execute(`ALTER TABLE ${table} RENAME COLUMN ${ident(copy)} TO ${ident(original)}`);
      done.push(`renamed ${copy} to ${original}, finishing a conversion that was interrupted`);
    }
  }
  return done;
}

/** What happened, in a few lines a person can follow. */
export function explainDifferences(plan: RetypePlan): string {
  const lines = [
    'A connector fixes a column\'s type from the first records that carry the field. These columns were made with another type than the tutorial shows, by a connector that saw the field only as null (an older sandbox walk paused midway) or as another JSON type (a real connector fed other data):',
    ...plan.convertible.map((d) => `  ${d.name} is ${d.actual}, the tutorial shows ${d.expected}: ${d.values === 1 ? 'the one value in it converts' : `all ${d.values} values in it convert`}.`),
    ...plan.blocked.map((d) => `  ${d.name} is ${d.actual}, the tutorial shows ${d.expected}: ${d.why}.`),
  ];
  if (plan.statements.length > 0) lines.push('', 'The conversion keeps every value:', ...plan.statements.map((s) => `  ${s};`));
  return lines.join('\n');
}
