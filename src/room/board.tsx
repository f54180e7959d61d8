// The live room board: reads the real systems every few seconds and redraws in place, fitted
// to the terminal (resizes included). q ends it (exit 0); Ctrl-C and SIGTERM end it with 130.
import { useEffect, useState } from 'react';
import { Box, Text, render, useApp, useInput, useStdin, useStdout } from 'ink';
import { suspendToShell } from '../app/suspend.js';
import { formatBoard, wrapped, type BoardHeader } from './format.js';
import type { AttendeeStatus } from './observe.js';
import { stopsOnSignal } from '../commands/lifecycle.js';

interface BoardProps {
  read(): Promise<AttendeeStatus[]>;
  target: BoardHeader['target'];
  everyMs: number;
  /** The board ends by itself once this settles (a rehearsal's walks), after a last refresh. */
  until?: Promise<unknown>;
  /** Lines under the board (what a rehearsal's walks are doing). */
  footer?(): string[];
  onQuit(how: 'quit' | 'interrupt'): void;
}

function Board({ read, target, everyMs, until, footer, onQuit }: BoardProps) {
  const { exit } = useApp();
  const { stdout, write } = useStdout();
  const { setRawMode } = useStdin();
  const [width, setWidth] = useState(stdout.columns ?? 80);
  const [view, setView] = useState<{ statuses: AttendeeStatus[]; at: Date } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      try {
        const statuses = await read();
        if (!stopped) {
          setView({ statuses, at: new Date() });
          setError(null);
        }
      } catch (err) {
        if (!stopped) setError(err instanceof Error ? err.message : String(err));
      }
      if (!stopped) timer = setTimeout(tick, everyMs);
    };
    void tick();
    void until?.finally(async () => {
      clearTimeout(timer);
      stopped = true;
      const statuses = await read().catch(() => null);
      if (statuses) setView({ statuses, at: new Date() });
      setTimeout(() => exit(), 50);
    });
    const resize = () => setWidth(stdout.columns ?? 80);
    stdout.on('resize', resize);
    return () => {
      stopped = true;
      clearTimeout(timer);
      stdout.off('resize', resize);
    };
  }, [read, everyMs, stdout, until, exit]);

  useInput((input, key) => {
    // Ctrl-Z suspends like any terminal program (raw mode hands it to us); `fg` redraws the board.
    if (key.ctrl && input === 'z') {
      suspendToShell({ setRawMode, stdout, redraw: () => (stdout.write('\u001b[2J\u001b[H'), write('')) });
    } else if (input === 'q' || key.escape) {
      onQuit('quit');
      exit();
    } else if (key.ctrl && input === 'c') {
      onQuit('interrupt');
      exit();
    }
  });

  if (!view) return <Text>Reading the room{error ? `: ${error}` : ' …'}</Text>;
  const lines = formatBoard(view.statuses, { target, checkedAt: view.at, everyMs }, width);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} bold={i === 1}>
          {line || ' '}
        </Text>
      ))}
      {[...(footer?.() ?? []), ...(error ? [`! last refresh failed: ${error}`] : [])]
        .flatMap((line) => wrapped(line, width))
        .map((line, i) => (
          <Text key={`f${i}`}>{line || ' '}</Text>
        ))}
    </Box>
  );
}

/** Runs the board until q or `until` (resolves 'quit'), Ctrl-C or SIGTERM (resolves 'interrupt'). */
export async function runBoard(props: Omit<BoardProps, 'onQuit'>): Promise<'quit' | 'interrupt'> {
  let outcome: 'quit' | 'interrupt' = 'quit';
  const instance = render(<Board {...props} onQuit={(how) => (outcome = how)} />, { exitOnCtrlC: false, incrementalRendering: false });
  const onSignal = () => {
    outcome = 'interrupt';
    instance.unmount();
  };
  stopsOnSignal(); // the board unmounts itself, giving the terminal back
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
  return outcome;
}
