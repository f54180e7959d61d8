// Mount the walk on the terminal. Ctrl-C is ours (exitOnCtrlC: false): it asks the runner to stop
// cleanly instead of killing the process mid-write.
import { render } from 'ink';
import { App, type AppProps } from './App.js';
import type { WalkEventSource } from './source.js';

export interface WalkScreen {
  /** Resolves once the walk has ended and its last frame is on screen (or after unmount). */
  waitUntilExit(): Promise<void>;
  unmount(): void;
}

export function renderWalk(
  source: WalkEventSource,
  opts: Pick<AppProps, 'onInterrupt' | 'onAnswer' | 'command' | 'look' | 'pace' | 'initial' | 'reviewOnly' | 'open'> & { stdout?: NodeJS.WriteStream; stdin?: NodeJS.ReadStream },
): WalkScreen {
  const { stdout, stdin, ...props } = opts;
  const instance = render(<App events={source} {...props} />, {
    exitOnCtrlC: false,
    incrementalRendering: false,
    ...(stdout ? { stdout } : {}),
    ...(stdin ? { stdin } : {}),
  });
  // Asked for at once: Ink makes this promise on the first call, and an App that exits before
  // that (q in the review while the sandbox is still stopping) would otherwise never settle it.
  const exited = instance.waitUntilExit();
  return {
    waitUntilExit: async () => {
      await exited;
    },
    unmount: () => instance.unmount(),
  };
}
