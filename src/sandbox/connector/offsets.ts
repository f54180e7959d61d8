// The connector's offsets, kept in the destination schema next to the data: one row per
// (table, topic, partition) with the next Kafka offset to ingest. Rows and offsets change in one
// transaction, which is what Snowpipe Streaming's per-channel offset tokens give Openflow: after a
// crash or a rebalance, ingestion resumes exactly after the last committed row.
import type { WarehousePort } from '../../engine/ports.js';
import { ident, literal } from '../../sql.js';

export const OFFSETS_TABLE = 'OPENFLOW_KAFKA_OFFSETS';

export interface StoredOffset {
  table: string;
  topic: string;
  partition: number;
  next: bigint;
}

export const offsetKey = (table: string, topic: string, partition: number) => `${table}\u0000${topic}\u0000${partition}`;

export class OffsetsTable {
  readonly qualified: string;

  constructor(database: string, schema: string) {
    this.qualified = `${ident(database)}.${ident(schema)}.${ident(OFFSETS_TABLE)}`;
  }

  createSql(): string {
    return `CREATE TABLE IF NOT EXISTS ${this.qualified} (TABLE_NAME VARCHAR, TOPIC VARCHAR, "PARTITION" NUMBER(10,0), NEXT_OFFSET NUMBER(38,0))`;
  }

  async read(w: WarehousePort): Promise<Map<string, StoredOffset>> {
    const rows = await w.execute(`SELECT TABLE_NAME, TOPIC, "PARTITION", NEXT_OFFSET FROM ${this.qualified}`);
    const out = new Map<string, StoredOffset>();
    for (const r of rows) {
      const o: StoredOffset = {
        table: String(r.TABLE_NAME),
        topic: String(r.TOPIC),
        partition: Number(r.PARTITION),
        next: BigInt(String(r.NEXT_OFFSET)),
      };
      const key = offsetKey(o.table, o.topic, o.partition);
      // Never more than one row per key is written; should there be, the furthest wins.
      const seen = out.get(key);
      if (!seen || seen.next < o.next) out.set(key, o);
    }
    return out;
  }

  /** Statements that set one partition's next offset (run inside the data transaction). */
  storeSql(o: StoredOffset): string[] {
    const where = `TABLE_NAME = ${literal(o.table)} AND TOPIC = ${literal(o.topic)} AND "PARTITION" = ${o.partition}`;
    return [
      `DELETE FROM ${this.qualified} WHERE ${where}`,
      `INSERT INTO ${this.qualified} (TABLE_NAME, TOPIC, "PARTITION", NEXT_OFFSET) VALUES (${literal(o.table)}, ${literal(o.topic)}, ${o.partition}, ${o.next})`,
    ];
  }
}
