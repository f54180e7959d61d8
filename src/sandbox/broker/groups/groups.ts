// All consumer groups of the cluster, with committed offsets persisted one file per group
// (written atomically: temp file + rename) so they survive a restart.
import fs from 'node:fs';
import path from 'node:path';
import { Group, type GroupTimings, type CommittedOffset } from './group.js';
import { writeAtomicallySync } from '../../../engine/files.js';
import { readJsonSync } from '../../../engine/files.js';

interface StoredGroup { groupId: string; offsets: { topic: string; partition: number; offset: number; leaderEpoch: number; metadata: string | null }[] }

export class Groups {
  private groups = new Map<string, Group>();

  constructor(private readonly dir: string, private readonly timings: GroupTimings) {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith('.json')) continue;
      const stored = readJsonSync<StoredGroup>(path.join(dir, f));
      const group = this.create(stored.groupId);
      for (const o of stored.offsets) group.commit(o.topic, o.partition, { offset: o.offset, leaderEpoch: o.leaderEpoch, metadata: o.metadata });
    }
  }

  private fileFor(groupId: string): string {
    return path.join(this.dir, Buffer.from(groupId, 'utf8').toString('hex') + '.json');
  }

  private create(groupId: string): Group {
    const group = new Group(groupId, this.timings, () => this.persist(group));
    this.groups.set(groupId, group);
    return group;
  }

  get(groupId: string): Group | undefined { return this.groups.get(groupId); }
  getOrCreate(groupId: string): Group { return this.groups.get(groupId) ?? this.create(groupId); }
  all(): Group[] { return [...this.groups.values()]; }

  delete(groupId: string): void {
    this.groups.get(groupId)?.shutdown();
    this.groups.delete(groupId);
    fs.rmSync(this.fileFor(groupId), { force: true });
  }

  /** Drops committed offsets of a deleted topic, as Kafka does. */
  forgetTopic(topic: string): void {
    for (const g of this.groups.values()) if (g.offsets.delete(topic)) this.persist(g);
  }

  private persist(group: Group): void {
    const offsets: StoredGroup['offsets'] = [];
    for (const [topic, byPartition] of group.offsets) {
      for (const [partition, o] of byPartition) offsets.push({ topic, partition, ...(o satisfies CommittedOffset) });
    }
    const file = this.fileFor(group.groupId);
    writeAtomicallySync(file, JSON.stringify({ groupId: group.groupId, offsets } satisfies StoredGroup));
  }

  shutdown(): void { for (const g of this.groups.values()) g.shutdown(); }
}
