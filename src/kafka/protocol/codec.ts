// Primitive Kafka wire encoding: big-endian ints, varints, classic and compact
// (flexible-version) strings/bytes/arrays, and empty tagged-field sections.

export class ProtocolError extends Error {}

export class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  get offset(): number { return this.pos; }
  get remaining(): number { return this.buf.length - this.pos; }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) throw new ProtocolError('truncated request');
  }
  int8(): number { this.need(1); return this.buf.readInt8(this.pos++); }
  bool(): boolean { return this.int8() !== 0; }
  int16(): number { this.need(2); const v = this.buf.readInt16BE(this.pos); this.pos += 2; return v; }
  int32(): number { this.need(4); const v = this.buf.readInt32BE(this.pos); this.pos += 4; return v; }
  int64(): bigint { this.need(8); const v = this.buf.readBigInt64BE(this.pos); this.pos += 8; return v; }
  /** int64 that fits a JS number (offsets, timestamps). */
  int64n(): number { return Number(this.int64()); }
  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      this.need(1);
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new ProtocolError('varint too long');
    }
  }
  varint(): number { const u = this.uvarint(); return u % 2 === 0 ? u / 2 : -(u + 1) / 2; }
  raw(n: number): Buffer { this.need(n); const b = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return b; }
  skip(n: number): void { this.need(n); this.pos += n; }

  string(): string {
    const s = this.nullableString();
    if (s === null) throw new ProtocolError('null string');
    return s;
  }
  nullableString(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    return this.raw(len).toString('utf8');
  }
  compactString(): string {
    const s = this.compactNullableString();
    if (s === null) throw new ProtocolError('null string');
    return s;
  }
  compactNullableString(): string | null {
    const len = this.uvarint() - 1;
    if (len < 0) return null;
    return this.raw(len).toString('utf8');
  }
  bytes(): Buffer { const b = this.nullableBytes(); return b ?? Buffer.alloc(0); }
  nullableBytes(): Buffer | null {
    const len = this.int32();
    if (len < 0) return null;
    return this.raw(len);
  }
  compactBytes(): Buffer { const len = this.uvarint() - 1; return len < 0 ? Buffer.alloc(0) : this.raw(len); }

  /** Classic array: int32 count, -1 = null (returned as null). */
  array<T>(item: (r: Reader) => T): T[] | null {
    const n = this.int32();
    if (n < 0) return null;
    if (n > this.remaining) throw new ProtocolError('array count exceeds frame');
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item(this));
    return out;
  }
  compactArray<T>(item: (r: Reader) => T): T[] | null {
    const n = this.uvarint() - 1;
    if (n < 0) return null;
    if (n > this.remaining) throw new ProtocolError('array count exceeds frame');
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item(this));
    return out;
  }
  /** Skips a tagged-field section; we define no tags of our own. */
  taggedFields(): void {
    const n = this.uvarint();
    for (let i = 0; i < n; i++) {
      this.uvarint();
      this.raw(this.uvarint());
    }
  }
}

export class Writer {
  private buf: Buffer;
  private pos = 0;
  constructor(initial = 256) { this.buf = Buffer.allocUnsafe(initial); }

  get length(): number { return this.pos; }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  int8(v: number): this { this.ensure(1); this.buf.writeInt8(v, this.pos); this.pos += 1; return this; }
  bool(v: boolean): this { return this.int8(v ? 1 : 0); }
  int16(v: number): this { this.ensure(2); this.buf.writeInt16BE(v, this.pos); this.pos += 2; return this; }
  int32(v: number): this { this.ensure(4); this.buf.writeInt32BE(v, this.pos); this.pos += 4; return this; }
  uint32(v: number): this { this.ensure(4); this.buf.writeUInt32BE(v >>> 0, this.pos); this.pos += 4; return this; }
  int64(v: bigint | number): this {
    this.ensure(8); this.buf.writeBigInt64BE(BigInt(v), this.pos); this.pos += 8; return this;
  }
  uvarint(v: number): this {
    while (v >= 0x80) { this.int8u((v % 0x80) | 0x80); v = Math.floor(v / 0x80); }
    return this.int8u(v);
  }
  varint(v: number): this { return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1); }
  private int8u(v: number): this { this.ensure(1); this.buf[this.pos++] = v; return this; }
  raw(b: Uint8Array): this { this.ensure(b.length); this.buf.set(b, this.pos); this.pos += b.length; return this; }

  string(s: string): this { return this.nullableString(s); }
  nullableString(s: string | null): this {
    if (s === null) return this.int16(-1);
    const b = Buffer.from(s, 'utf8');
    return this.int16(b.length).raw(b);
  }
  compactString(s: string): this { return this.compactNullableString(s); }
  compactNullableString(s: string | null): this {
    if (s === null) return this.uvarint(0);
    const b = Buffer.from(s, 'utf8');
    return this.uvarint(b.length + 1).raw(b);
  }
  bytes(b: Uint8Array): this { return this.int32(b.length).raw(b); }
  nullableBytes(b: Uint8Array | null): this { return b === null ? this.int32(-1) : this.bytes(b); }
  array<T>(items: readonly T[], write: (w: Writer, item: T) => void): this {
    this.int32(items.length);
    for (const item of items) write(this, item);
    return this;
  }
  nullableArray<T>(items: readonly T[] | null, write: (w: Writer, item: T) => void): this {
    return items === null ? this.int32(-1) : this.array(items, write);
  }
  compactArray<T>(items: readonly T[], write: (w: Writer, item: T) => void): this {
    this.uvarint(items.length + 1);
    for (const item of items) write(this, item);
    return this;
  }
  emptyTaggedFields(): this { return this.uvarint(0); }

  toBuffer(): Buffer { return this.buf.subarray(0, this.pos); }
}
