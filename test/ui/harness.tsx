/** @jsxRuntime automatic */
// Render the App on a fake terminal of any size (ink-testing-library's is fixed at 100 columns).
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { App, type AppProps } from '../../src/app/App.js';
import type { WalkEventSource } from '../../src/app/source.js';
import type { Look } from '../../src/app/terminal.js';

class FakeStdout extends EventEmitter {
  isTTY = true;
  frames: string[] = [];
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  /** Keys as a terminal sends them, e.g. '\r', ' ', '\u001b[B' (↓). */
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const data = this.data;
    this.data = null;
    return data;
  };
}

export function renderOnTerminal(source: WalkEventSource, size: { columns: number; rows: number }, look: Look, props: Partial<AppProps> = {}) {
  const stdout = new FakeStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const instance = render(<App events={source} onInterrupt={() => {}} look={look} {...props} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    frames: stdout.frames,
    lastFrame: () => stdout.frames.at(-1) ?? '',
    unmount: () => instance.unmount(),
    press: (keys: string) => stdin.write(keys),
    exited: instance.waitUntilExit(),
  };
}

/** Wait (bounded) until the latest frame satisfies `ok`; fails with that frame otherwise. */
export async function frameWhere(lastFrame: () => string | undefined, ok: (frame: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const frame = lastFrame() ?? '';
    if (ok(frame)) return frame;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no frame ${what}; last frame:\n${lastFrame() ?? '(none)'}`);
}
