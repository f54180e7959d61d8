// One classic consumer group: the Kafka group state machine (Empty → PreparingRebalance →
// CompletingRebalance → Stable), deferred JoinGroup/SyncGroup answers, session expiry, and
// committed offsets.
import { randomUUID } from 'node:crypto';
import { ErrorCode, type ErrorCodeValue } from '../../../kafka/protocol/errors.js';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface JoinRequest {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
  /** JoinGroup v4+ makes a new member come back with the id we hand out. */
  requireKnownMemberId: boolean;
}

export interface JoinResult {
  errorCode: ErrorCodeValue;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

export interface SyncResult { errorCode: ErrorCodeValue; protocolType: string | null; protocolName: string | null; assignment: Buffer }

export interface CommittedOffset { offset: number; leaderEpoch: number; metadata: string | null }

interface Member {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: { name: string; metadata: Buffer }[];
  assignment: Buffer;
  awaitingJoin: ((r: JoinResult) => void) | null;
  awaitingSync: ((r: SyncResult) => void) | null;
  sessionTimer: NodeJS.Timeout | null;
}

export interface GroupTimings { initialRebalanceDelayMs: number }

export class Group {
  state: GroupState = 'Empty';
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leader: string | null = null;
  private members = new Map<string, Member>();
  private pendingMemberIds = new Set<string>();
  private rebalanceTimer: NodeJS.Timeout | null = null;
  private delaying = false;
  readonly offsets = new Map<string, Map<number, CommittedOffset>>();

  constructor(readonly groupId: string, private readonly timings: GroupTimings, private readonly onOffsetsChanged: () => void) {}

  get memberCount(): number { return this.members.size; }
  get isEmpty(): boolean { return this.members.size === 0; }

  join(req: JoinRequest): Promise<JoinResult> {
    const fail = (errorCode: ErrorCodeValue, memberId = req.memberId): Promise<JoinResult> =>
      Promise.resolve({ errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId, members: [] });

    if (this.members.size > 0) {
      if (req.protocolType !== this.protocolType) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
      const names = new Set(req.protocols.map((p) => p.name));
      const common = [...this.members.values()].every((m) => m.memberId === req.memberId || m.protocols.some((p) => names.has(p.name)));
      if (!common) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    if (req.protocols.length === 0) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);

    let memberId = req.memberId;
    if (memberId === '') {
      memberId = `${req.clientId}-${randomUUID()}`;
      if (req.requireKnownMemberId) {
        this.pendingMemberIds.add(memberId);
        return fail(ErrorCode.MEMBER_ID_REQUIRED, memberId);
      }
    } else if (!this.members.has(memberId) && !this.pendingMemberIds.has(memberId)) {
      return fail(ErrorCode.UNKNOWN_MEMBER_ID);
    }
    this.pendingMemberIds.delete(memberId);

    let member = this.members.get(memberId);
    if (!member) {
      member = {
        memberId, groupInstanceId: req.groupInstanceId, clientId: req.clientId, clientHost: req.clientHost,
        sessionTimeoutMs: req.sessionTimeoutMs, rebalanceTimeoutMs: req.rebalanceTimeoutMs,
        protocols: req.protocols, assignment: Buffer.alloc(0), awaitingJoin: null, awaitingSync: null, sessionTimer: null,
      };
      this.members.set(memberId, member);
      if (this.members.size === 1) this.protocolType = req.protocolType;
    } else {
      member.protocols = req.protocols;
      member.sessionTimeoutMs = req.sessionTimeoutMs;
      member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
      // A member that joins again before its previous join was answered replaces that wait.
      member.awaitingJoin?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId, members: [] });
    }
    this.touch(member);

    const joined = new Promise<JoinResult>((resolve) => { member.awaitingJoin = resolve; });
    if (this.state !== 'PreparingRebalance') this.prepareRebalance();
    else this.completeJoinIfReady();
    return joined;
  }

  private prepareRebalance(): void {
    const wasEmpty = this.state === 'Empty';
    this.state = 'PreparingRebalance';
    // Members parked in SyncGroup learn that this generation is over.
    for (const m of this.members.values()) {
      m.awaitingSync?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) });
      m.awaitingSync = null;
    }
    this.clearRebalanceTimer();
    if (wasEmpty && this.timings.initialRebalanceDelayMs > 0) {
      // Like group.initial.rebalance.delay.ms: let a starting fleet join one generation.
      this.delaying = true;
      this.rebalanceTimer = setTimeout(() => {
        this.delaying = false;
        this.startRebalanceTimer();
        this.completeJoinIfReady();
      }, this.timings.initialRebalanceDelayMs);
      this.rebalanceTimer.unref();
      return;
    }
    this.startRebalanceTimer();
    this.completeJoinIfReady();
  }

  private startRebalanceTimer(): void {
    const timeout = Math.max(0, ...[...this.members.values()].map((m) => m.rebalanceTimeoutMs));
    this.rebalanceTimer = setTimeout(() => this.completeJoin(), timeout);
    this.rebalanceTimer.unref();
  }

  private completeJoinIfReady(): void {
    if (this.state !== 'PreparingRebalance' || this.delaying) return;
    if ([...this.members.values()].every((m) => m.awaitingJoin !== null)) this.completeJoin();
  }

  /** Ends the join phase: members that did not rejoin in time are dropped, the rest get the new generation. */
  private completeJoin(): void {
    this.clearRebalanceTimer();
    this.delaying = false;
    for (const m of [...this.members.values()]) if (!m.awaitingJoin) this.removeMember(m);
    this.generationId++;
    if (this.members.size === 0) {
      this.state = 'Empty';
      this.protocolName = null;
      this.leader = null; // the protocol type stays, as Kafka lists empty consumer groups as 'consumer'
      return;
    }
    this.protocolName = this.selectProtocol();
    if (!this.leader || !this.members.has(this.leader)) this.leader = this.members.keys().next().value ?? null;
    this.state = 'CompletingRebalance';
    const all = [...this.members.values()].map((m) => ({
      memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: this.metadataFor(m),
    }));
    for (const m of this.members.values()) {
      const resolve = m.awaitingJoin;
      m.awaitingJoin = null;
      this.touch(m);
      resolve?.({
        errorCode: ErrorCode.NONE, generationId: this.generationId, protocolType: this.protocolType,
        protocolName: this.protocolName, leader: this.leader ?? '', memberId: m.memberId,
        members: m.memberId === this.leader ? all : [],
      });
    }
  }

  /** The first protocol, in the leader's order of preference, that every member supports. */
  private selectProtocol(): string {
    const members = [...this.members.values()];
    const leader = (this.leader && this.members.get(this.leader)) || members[0];
    const choice = leader.protocols.find((p) => members.every((m) => m.protocols.some((q) => q.name === p.name)));
    return (choice ?? leader.protocols[0]).name;
  }

  private metadataFor(m: Member): Buffer {
    return m.protocols.find((p) => p.name === this.protocolName)?.metadata ?? Buffer.alloc(0);
  }

  sync(memberId: string, generationId: number, assignments: { memberId: string; assignment: Buffer }[]): Promise<SyncResult> {
    const fail = (errorCode: ErrorCodeValue): Promise<SyncResult> =>
      Promise.resolve({ errorCode, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) });
    const member = this.members.get(memberId);
    if (!member) return fail(ErrorCode.UNKNOWN_MEMBER_ID);
    if (generationId !== this.generationId) return fail(ErrorCode.ILLEGAL_GENERATION);
    this.touch(member);
    if (this.state === 'PreparingRebalance') return fail(ErrorCode.REBALANCE_IN_PROGRESS);
    const answer = (m: Member): SyncResult => ({ errorCode: ErrorCode.NONE, protocolType: this.protocolType, protocolName: this.protocolName, assignment: m.assignment });
    if (this.state === 'Stable') return Promise.resolve(answer(member));
    const synced = new Promise<SyncResult>((resolve) => { member.awaitingSync = resolve; });
    if (memberId === this.leader) {
      const byMember = new Map(assignments.map((a) => [a.memberId, a.assignment]));
      for (const m of this.members.values()) m.assignment = byMember.get(m.memberId) ?? Buffer.alloc(0);
      this.state = 'Stable';
      for (const m of this.members.values()) {
        const resolve = m.awaitingSync;
        m.awaitingSync = null;
        resolve?.(answer(m));
      }
    }
    return synced;
  }

  heartbeat(memberId: string, generationId: number): ErrorCodeValue {
    const member = this.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    this.touch(member);
    if (this.state === 'PreparingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    return ErrorCode.NONE;
  }

  leave(memberId: string): ErrorCodeValue {
    const member = this.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.removeMember(member);
    this.afterMembershipLoss();
    return ErrorCode.NONE;
  }

  private afterMembershipLoss(): void {
    if (this.state === 'PreparingRebalance') {
      if (this.members.size === 0) this.completeJoin();
      else this.completeJoinIfReady();
    } else if (this.state === 'Stable' || this.state === 'CompletingRebalance') {
      this.prepareRebalance();
      if (this.members.size === 0) this.completeJoin();
    }
  }

  private removeMember(m: Member): void {
    if (m.sessionTimer) clearTimeout(m.sessionTimer);
    m.awaitingJoin?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId: m.memberId, members: [] });
    m.awaitingSync?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) });
    m.awaitingJoin = null;
    m.awaitingSync = null;
    this.members.delete(m.memberId);
    if (this.leader === m.memberId) this.leader = null;
  }

  /** Restarts the member's session clock; a member parked in JoinGroup is covered by the rebalance timeout. */
  private touch(m: Member): void {
    if (m.sessionTimer) clearTimeout(m.sessionTimer);
    m.sessionTimer = setTimeout(() => {
      m.sessionTimer = null;
      if (m.awaitingJoin || !this.members.has(m.memberId)) return;
      this.removeMember(m);
      this.afterMembershipLoss();
    }, m.sessionTimeoutMs);
    m.sessionTimer.unref();
  }

  private clearRebalanceTimer(): void {
    if (this.rebalanceTimer) clearTimeout(this.rebalanceTimer);
    this.rebalanceTimer = null;
  }

  /** Kafka's rules for who may commit (GroupCoordinator.handleCommitOffsets). */
  canCommit(memberId: string, generationId: number): ErrorCodeValue {
    if (this.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (generationId < 0 && this.state === 'Empty') return ErrorCode.NONE;
    if (this.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    const member = this.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    this.touch(member);
    return ErrorCode.NONE;
  }

  commit(topic: string, partition: number, value: CommittedOffset): void {
    let byPartition = this.offsets.get(topic);
    if (!byPartition) this.offsets.set(topic, (byPartition = new Map()));
    byPartition.set(partition, value);
  }

  commitDone(): void { this.onOffsetsChanged(); }

  describeMembers(): { memberId: string; groupInstanceId: string | null; clientId: string; clientHost: string; metadata: Buffer; assignment: Buffer }[] {
    return [...this.members.values()].map((m) => ({
      memberId: m.memberId, groupInstanceId: m.groupInstanceId, clientId: m.clientId, clientHost: m.clientHost,
      metadata: this.state === 'Stable' || this.state === 'CompletingRebalance' ? this.metadataFor(m) : Buffer.alloc(0),
      assignment: this.state === 'Stable' ? m.assignment : Buffer.alloc(0),
    }));
  }

  /** Stops every timer and answers parked requests; used on shutdown and delete. */
  shutdown(): void {
    this.clearRebalanceTimer();
    for (const m of [...this.members.values()]) this.removeMember(m);
    this.state = 'Dead';
  }
}
