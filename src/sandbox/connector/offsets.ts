// The connector's offsets, kept in the destination schema next to the data: rows of (table, topic,
// partition, next Kafka offset to ingest); the highest per partition counts. Rows and offsets
// commit in one transaction, which is what Snowpipe Streaming's per-channel offset tokens give
// Openflow: after a crash or a rebalance, ingestion resumes exactly after the last committed row.
//
// Offsets are appended, never updated in the data transaction: a connector killed mid-transaction
// leaves that transaction open in its orphaned session, and an UPDATE/DELETE of the same row by
// its successor would conflict with it (the emulator refuses; Snowflake waits on the lock).
// Older rows are deleted now and then outside the data transaction.
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
    const rows = await w.execute(
      `SELECT TABLE_NAME, TOPIC, "PARTITION", MAX(NEXT_OFFSET) AS NEXT_OFFSET FROM ${this.qualified} GROUP BY TABLE_NAME, TOPIC, "PARTITION"`,
    );
    const out = new Map<string, StoredOffset>();
    for (const r of rows) {
      const o: StoredOffset = {
        table: String(r.TABLE_NAME),
        topic: String(r.TOPIC),
        partition: Number(r.PARTITION),
        next: BigInt(String(r.NEXT_OFFSET)),
      };
      const key = offsetKey(o.table, o.topic, o.partition);
      out.set(key, o);
    }
    return out;
  }

  /** Records one partition's next offset (inside the data transaction). */
  storeSql(o: StoredOffset): string {
    return `INSERT INTO ${this.qualified} (TABLE_NAME, TOPIC, "PARTITION", NEXT_OFFSET) VALUES (${literal(o.table)}, ${literal(o.topic)}, ${o.partition}, ${o.next})`;
  }

  /** Deletes the rows of a partition that a later committed row supersedes. */
  compactSql(o: StoredOffset): string {
    return `DELETE FROM ${this.qualified} WHERE TABLE_NAME = ${literal(o.table)} AND TOPIC = ${literal(o.topic)} AND "PARTITION" = ${o.partition} AND NEXT_OFFSET < ${o.next}`;
  }
}
