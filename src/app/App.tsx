// The Ink walk: subscribes to the event source, folds events into a WalkView, and draws the
// frame computed by layoutWalk. Keys: Ctrl-C asks the runner to stop; y / n (Enter for the
// default) answer a step's question.
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, useStdin, useStdout } from 'ink';
import type { StepId } from '../engine/step.js';
import type { WalkEventSource } from './source.js';
import { initialWalk, reduceWalk } from './walk-state.js';
import { layoutWalk, type Line } from './layout.js';
import { detectLook, glyphsFor, type Look } from './terminal.js';
import { asciiDeep } from './ascii.js';

export interface AppProps {
  events: WalkEventSource;
  /** Ctrl-C: the runner should stop after the current operation. Called on every press. */
  onInterrupt: () => void;
  /** Told of every answer (the question's own `reply` is called first). */
  onAnswer?: (answer: { id: StepId; question: string; yes: boolean }) => void;
  /** How a person starts the walk again, shown in the resume and cleanup hints. */
  command?: string;
  /** Terminal capabilities; detected from the environment (LANG, NO_COLOR) when left out. */
  look?: Look;
  /** step: wait for a key after each step with something to read; auto: wait a time sized to it; none: never. */
  pace?: Pace;
}

export type Pace = 'step' | 'auto' | 'none';

/** Columns and rows of the terminal, following resizes. */
function useTerminalSize(): { width: number; height: number } {
  const { stdout } = useStdout();
  const read = () => ({ width: stdout.columns || 80, height: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

function RenderedLine({ line, color }: { line: Line; color: boolean }) {
  // Monochrome: no colour, bold or dim at all, so NO_COLOR output carries no escape codes.
  return (
    <Text wrap="truncate-end">
      {line.length === 0
        ? ' '
        : line.map((seg, i) =>
            color ? (
              <Text key={i} color={seg.color} bold={seg.bold} dimColor={seg.dim}>
                {seg.text}
              </Text>
            ) : (
              <Text key={i}>{seg.text}</Text>
            ),
          )}
    </Text>
  );
}

export function App({ events, onInterrupt, onAnswer, command = 'npx openflow-kafka-quickstart', look }: AppProps) {
  const [walk, dispatch] = useReducer(reduceWalk, initialWalk);
  const [now, setNow] = useState(() => Date.now());
  const startedAt = useRef(Date.now()).current;
  const { width, height } = useTerminalSize();
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const resolvedLook = useMemo(() => look ?? detectLook(), [look]);
  const glyphs = glyphsFor(resolvedLook);

  // Not UTF-8: every text arriving from the steps is spelled in ASCII before it is laid out.
  useEffect(() => events.subscribe(resolvedLook.unicode ? dispatch : (e) => dispatch(asciiDeep(e))), [events, resolvedLook.unicode]);

  // Spinner and clock; stops once the walk has ended so the last frame stays still.
  const ended = walk.end !== undefined;
  useEffect(() => {
    if (ended) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [ended]);

  // Let the final frame reach the terminal, then end (waitUntilExit resolves).
  useEffect(() => {
    if (!ended) return;
    const timer = setTimeout(() => exit(), 50);
    return () => clearTimeout(timer);
  }, [ended, exit]);

  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') {
        dispatch({ type: 'stopping' });
        onInterrupt();
        return;
      }
      const ask = walk.ask;
      if (!ask) return;
      const yes = input === 'y' || input === 'Y' ? true : input === 'n' || input === 'N' ? false : key.return ? ask.defaultAnswer : undefined;
      if (yes === undefined) return;
      dispatch({ type: 'answered' });
      ask.reply(yes);
      onAnswer?.({ id: ask.id, question: ask.question, yes });
    },
    { isActive: isRawModeSupported === true },
  );

  const lines = layoutWalk(walk, { width, height, now, startedAt, glyphs, command });
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, i) => (
        <RenderedLine key={i} line={line} color={resolvedLook.color} />
      ))}
    </Box>
  );
}
