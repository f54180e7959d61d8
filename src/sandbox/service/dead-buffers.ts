// Node frees a Buffer's memory only when V8 collects the object that holds it. Buffers that live
// across some I/O (a produce request, a fetch answer, a statement's body) outlive the small young
// generation and then wait for a full collection, which V8 starts only once such memory has grown
// by ~64 MB: under a burst of records the service held up to 60 MB of dead Buffers, at the very
// moment `logs` was producing them. Started with --expose-gc (SANDBOX_NODE_FLAGS), the host runs
// a full collection as soon as Buffer memory passes a bound above what the last one left.
import { memoryUsage } from 'node:process';

type Gc = () => void;

/** Checks every `everyMs`; returns a stop function (a no-op without --expose-gc). */
export function boundDeadBuffers(boundBytes = 16 * 1024 * 1024, everyMs = 50): () => void {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (!gc) return () => undefined;
  let limit = memoryUsage().arrayBuffers + boundBytes;
  let collected = false;
  const timer = setInterval(() => {
    const now = memoryUsage().arrayBuffers;
    if (collected) {
      // Buffers still in use (measured a tick after the collection, which frees them in the
      // background) count towards the next bound: a large live set does not mean a collection
      // every tick.
      collected = false;
      limit = now + boundBytes;
    } else if (now > limit) {
      gc();
      collected = true;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
