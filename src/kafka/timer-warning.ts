// kafkajs 2.2.4 (no release since 2023) schedules its request queue's next check with
// setTimeout(throttledUntil - Date.now()) while throttledUntil is still -1: minus the current
// epoch. Node clamps that to 1 ms, which is what kafkajs means, but Node 24 also prints a
// TimeoutNegativeWarning to stderr, in the middle of the walk's output (kafkajs#1751). Only that
// warning is dropped: a negative delay the size of an epoch in milliseconds; every other stays.
const EPOCH_SIZED = /^-\d{12,}(\.\d+)? is a negative number/;

let installed = false;

export function dropKafkajsTimerWarning(): void {
  if (installed) return;
  installed = true;
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: unknown } | undefined)?.type;
    const text = typeof warning === 'string' ? warning : warning.message;
    if (type === 'TimeoutNegativeWarning' && EPOCH_SIZED.test(text)) return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}
