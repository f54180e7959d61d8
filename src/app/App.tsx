// The Ink walk: subscribes to the event source, folds events into a WalkView, and draws the
// frame computed by layoutWalk. Keys: Ctrl-C asks the runner to stop; y / n (Enter for the
// default) answer a step's question; Enter, Space or → continue after a step (pacing); ↑/↓, j/k,
// PgUp/PgDn, Home/End scroll a panel; after the walk, the review opens any step again; Ctrl-Z
// suspends (suspend.ts).
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, useStdin, useStdout, type Key } from 'ink';
import type { StepId } from '../engine/step.js';
import type { WalkEventSource } from './source.js';
import { initialWalk, reduceWalk, type WalkView } from './walk-state.js';
import type { Scroll } from './reading.js';
import { layoutWalk, type Line } from './layout.js';
import { detectLook, glyphsFor, type Look } from './terminal.js';
import { asciiDeep } from './ascii.js';
import { suspendToShell } from './suspend.js';

export interface AppProps {
  events: WalkEventSource;
  /** Ctrl-C: the runner should stop after the current operation (in `show`, the review ends interrupted). Called on every press. */
  onInterrupt: () => void;
  /** Told of every answer (the question's own `reply` is called first). */
  onAnswer?: (answer: { id: StepId; question: string; yes: boolean }) => void;
  /** How a person starts the walk again, shown in the resume and cleanup hints. */
  command?: string;
  /** Terminal capabilities; detected from the environment (LANG, NO_COLOR) when left out. */
  look?: Look;
  /** step: wait for a key after each step with something to read; auto: wait a time sized to it; none: never. */
  pace?: Pace;
  /** Start from this view (the `show` command builds it from the state file). */
  initial?: WalkView;
  /** Only the review: no walk runs (the `show` command). */
  reviewOnly?: boolean;
  /** Open this step's review at once. */
  open?: StepId;
}

export type Pace = 'step' | 'auto' | 'none';

/**
 * The review list takes a step's number: a digit that could begin a longer number (1 of 13 steps)
 * moves the cursor there and waits this long for the second digit, as a TV remote does; one that
 * cannot (2-9) opens its step at once, and Enter opens the one under the cursor without waiting.
 */
export const DIGIT_WAIT_MS = 600;

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

/** The review: which step the cursor is on, and which one is open. */
type ReviewView = { cursor: number; open?: StepId };

/** What is being read; scrolling starts at the top whenever it changes. */
function readingKeyOf(walk: WalkView, review: ReviewView): string {
  // Paused after a step is another document than the step running (its result, not its explanation).
  return `${walk.pause ? `paused:${walk.pause.id}` : (walk.runningId ?? '')}|${review.open ?? ''}|${walk.end ? 'end' : ''}`;
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

export function App({ events, onInterrupt, onAnswer, command = 'npx openflow-kafka-quickstart', look, pace = 'none', initial, reviewOnly = false, open }: AppProps) {
  const resolvedLook = useMemo(() => look ?? detectLook(), [look]);
  // A view given whole (`show` reads it from the state file) is step text too: ASCII when not UTF-8.
  const [walk, dispatch] = useReducer(reduceWalk, initial ?? initialWalk, (view) => (resolvedLook.unicode ? view : asciiDeep(view)));
  const [now, setNow] = useState(() => Date.now());
  const startedAt = useRef(Date.now()).current;
  const { width, height } = useTerminalSize();
  const { exit } = useApp();
  const { isRawModeSupported, setRawMode } = useStdin();
  const { stdout, write } = useStdout();
  const glyphs = glyphsFor(resolvedLook);
  const [scrolled, setScrolled] = useState({ key: '', offset: 0 });
  const limits = useRef<Scroll>({ offset: 0, max: 0, page: 1 });
  const reviewing = reviewOnly || (pace !== 'none' && walk.end !== undefined);
  const [review, setReviewView] = useState<ReviewView>(() => ({ cursor: 0, open }));
  /** An Enter typed right after a y/n key ("n⏎") belongs to the answer: ignored, never left for the shell. */
  const swallowEnterUntil = useRef(0);
  const answeredAsks = useRef(new WeakSet<object>());
  const [autoLeft, setAutoLeft] = useState<number | undefined>(undefined);
  /** Digits typed in the review list, waiting for one more. */
  const digits = useRef<{ text: string; timer?: ReturnType<typeof setTimeout> }>({ text: '' });
  useEffect(() => () => clearTimeout(digits.current.timer), []);

  // Not UTF-8: every text arriving from the steps is spelled in ASCII before it is laid out.
  useEffect(() => events.subscribe(resolvedLook.unicode ? dispatch : (e) => dispatch(asciiDeep(e))), [events, resolvedLook.unicode]);

  // The clock stands still while the walk waits for the person (a question, a pause): waiting is not work.
  const waiting = walk.ask !== undefined || walk.pause !== undefined;
  const waited = useRef({ total: 0, since: 0 });
  if (waiting && waited.current.since === 0) waited.current.since = Date.now();
  if (!waiting && waited.current.since !== 0) {
    waited.current.total += Date.now() - waited.current.since;
    waited.current.since = 0;
  }

  // Spinner and clock; stopped once the walk has ended, and while it waits for the person.
  const ended = walk.end !== undefined;
  useEffect(() => {
    if (ended || waiting || reviewOnly) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [ended, waiting, reviewOnly]);

  // Without a review, let the final frame reach the terminal, then end (waitUntilExit resolves);
  // a stray Enter just after the last answer is read first, so the shell never gets it.
  useEffect(() => {
    if (!ended || reviewing) return;
    const timer = setTimeout(() => exit(), Math.max(50, swallowEnterUntil.current - Date.now()));
    return () => clearTimeout(timer);
  }, [ended, reviewing, exit]);

  // A new thing to read starts at its top.
  const readingKey = readingKeyOf(walk, review);
  const offset = scrolled.key === readingKey ? scrolled.offset : 0;

  // Auto pace: wait for a time sized to what there is to read (about 4 words a second, 3 to 20 s).
  const pause = walk.pause;
  useEffect(() => {
    if (!pause || pace !== 'auto') return setAutoLeft(undefined);
    const step = walk.steps.find((s) => s.id === pause.id);
    const words = (step?.shows ?? []).reduce((n, p) => n + `${p.summary ?? ''} ${p.chart ? 'chart '.repeat(30) : p.body}`.split(/\s+/).length, 0);
    let left = Math.round(Math.min(20, Math.max(3, words / 4)));
    setAutoLeft(left);
    const timer = setInterval(() => {
      left -= 1;
      if (left > 0) return setAutoLeft(left);
      clearInterval(timer);
      dispatch({ type: 'resumed' });
      pause.resume();
    }, 1000);
    return () => clearInterval(timer);
  }, [pause, pace]);

  const latest = useRef({ walk, review, reviewing, readingKey });
  latest.current = { walk, review, reviewing, readingKey };
  // Several keys can arrive in one read (a held key, a paste): each one must see what the one before
  // it did, not the last render, so every change goes into `latest`/`limits` at once as well.
  // Clamped with the limits of the frame on screen when the key came.
  const scrollTo = (to: number) => {
    const offset = Math.max(0, Math.min(limits.current.max, to));
    limits.current = { ...limits.current, offset };
    setScrolled({ key: latest.current.readingKey, offset });
  };
  const scrollBy = (delta: number) => scrollTo(limits.current.offset + delta);
  const setReview = (next: ReviewView) => {
    const readingKey = readingKeyOf(latest.current.walk, next);
    if (readingKey !== latest.current.readingKey) limits.current = { ...limits.current, offset: 0 };
    latest.current = { ...latest.current, review: next, readingKey };
    setReviewView(next);
  };

  /** A digit in the review list, after `typed` (digits still waiting for one more). */
  const pickByNumber = (typed: string, digit: string) => {
    const steps = latest.current.walk.steps;
    const valid = (text: string) => Number(text) >= 1 && Number(text) <= steps.length;
    // "1" then "4" of 13 steps: no step 14, so the 4 starts a number of its own.
    const text = valid(typed + digit) ? typed + digit : digit;
    if (!valid(text)) return;
    const n = Number(text);
    if (n * 10 > steps.length) return setReview({ cursor: n - 1, open: steps[n - 1]!.id });
    setReview({ cursor: n - 1 });
    digits.current = {
      text,
      timer: setTimeout(() => {
        digits.current = { text: '' };
        setReview({ cursor: n - 1, open: latest.current.walk.steps[n - 1]!.id });
      }, DIGIT_WAIT_MS),
    };
  };

  const onKey = (input: string, key: Key) => {
    // Letters typed in one burst ("jjj") come as one input: each is a key of its own.
    if (input.length > 1 && !key.ctrl && !key.meta && /^[\x20-\x7e]+$/.test(input)) {
      for (const ch of input) onKey(ch, { ...key, shift: ch !== ch.toLowerCase() });
      return;
    }
    // The latest view, not the one of the render this handler came from (effects may lag a key).
    const { walk, review, reviewing } = latest.current;
    // Ctrl-Z suspends like any terminal program; `fg` brings the screen back, redrawn.
    if (key.ctrl && input === 'z') {
      // The whole frame again on a cleared screen (write('') makes Ink draw its last frame anew).
      return suspendToShell({ setRawMode, stdout, redraw: () => (stdout.write('\u001b[2J\u001b[H'), write('')) });
    }
    if (key.ctrl && input === 'c') {
      // `show` is only a review: Ctrl-C there is an interrupt (exit 130), q is the way out (0).
      if (reviewOnly) onInterrupt();
      if (ended || reviewOnly) return exit();
      dispatch({ type: 'stopping' });
      onInterrupt();
      return;
    }
    const inList = reviewing && !review.open;
    const typed = digits.current.text;
    clearTimeout(digits.current.timer);
    digits.current = { text: '' };
    if (inList && /^[0-9]$/.test(input)) return pickByNumber(typed, input);
    if (inList && (key.upArrow || input === 'k')) return setReview({ cursor: Math.max(0, review.cursor - 1) });
    if (inList && (key.downArrow || input === 'j')) return setReview({ cursor: Math.min(walk.steps.length - 1, review.cursor + 1) });
    // Scrolling works wherever a panel is longer than the screen.
    const page = Math.max(1, limits.current.page - 1);
    if (key.upArrow || input === 'k') return scrollBy(-1);
    if (key.downArrow || input === 'j') return scrollBy(1);
    if (key.pageUp) return scrollBy(-page);
    if (key.pageDown) return scrollBy(page);
    if (key.home) return scrollTo(0);
    if (key.end) return scrollTo(limits.current.max);

    if (key.return && Date.now() < swallowEnterUntil.current) {
      swallowEnterUntil.current = 0;
      return;
    }
    // A question already answered may still be in the view until the next render: never answer it twice.
    const ask = walk.ask && !answeredAsks.current.has(walk.ask) ? walk.ask : undefined;
    if (ask) {
      const yes = input === 'y' || input === 'Y' ? true : input === 'n' || input === 'N' ? false : key.return ? ask.defaultAnswer : undefined;
      if (yes === undefined) return;
      if (!key.return) swallowEnterUntil.current = Date.now() + 400;
      answeredAsks.current.add(ask);
      dispatch({ type: 'answered' });
      ask.reply(yes);
      onAnswer?.({ id: ask.id, question: ask.question, yes });
      return;
    }
    if (walk.pause && (key.return || input === ' ' || key.rightArrow)) {
      const p = walk.pause;
      latest.current = { ...latest.current, walk: { ...walk, pause: undefined } };
      dispatch({ type: 'resumed' });
      p.resume();
      return;
    }
    if (!reviewing) return;
    const count = walk.steps.length;
    if (review.open) {
      if (key.escape || key.leftArrow || key.backspace || input === 'b') setReview({ cursor: review.cursor, open: undefined });
      else if (input === 'q') exit();
      return;
    }
    if (input === 'q' || key.escape) return exit();
    if (key.tab || input === 'n') return setReview({ cursor: (review.cursor + 1) % count });
    if (input === 'p') return setReview({ cursor: (review.cursor + count - 1) % count });
    if (key.return || key.rightArrow || input === ' ') {
      const step = walk.steps[review.cursor];
      if (step) setReview({ cursor: review.cursor, open: step.id });
    }
  };
  useInput(onKey, { isActive: isRawModeSupported === true });

  const scroll: Scroll = { offset, max: 0, page: 1 };
  const frozenNow = waited.current.since || now;
  const lines = layoutWalk(walk, {
    width,
    height,
    now: frozenNow,
    startedAt: startedAt + waited.current.total,
    glyphs,
    command,
    chartStyle: { ascii: !resolvedLook.unicode || !resolvedLook.color },
    scroll,
    autoSecondsLeft: autoLeft,
    review: reviewing ? review : undefined,
    reviewOnly,
  });
  limits.current = scroll;
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, i) => (
        <RenderedLine key={i} line={line} color={resolvedLook.color} />
      ))}
    </Box>
  );
}
