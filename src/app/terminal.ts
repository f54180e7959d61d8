// What the terminal can show: Unicode glyphs or ASCII only, colours or monochrome.
import type { StepStatus } from '../engine/events.js';

export interface Look {
  unicode: boolean;
  color: boolean;
}

/**
 * UTF-8 when the effective locale (POSIX order: LC_ALL, LC_CTYPE, LANG) says so. With no locale set
 * at all, assume a modern terminal unless it is the Linux console or a dumb one. Windows: Windows
 * Terminal and VS Code speak Unicode, the classic console does not.
 */
export function detectUnicode(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (platform === 'win32') return Boolean(env.WT_SESSION || env.TERM_PROGRAM === 'vscode' || env.TERM === 'xterm-256color');
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  if (locale) return /utf-?8/i.test(locale);
  return env.TERM !== 'linux' && env.TERM !== 'dumb';
}

/** https://no-color.org: present and not empty means no colour at all. */
export function detectColor(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR && env.TERM !== 'dumb';
}

export function detectLook(env: NodeJS.ProcessEnv = process.env): Look {
  return { unicode: detectUnicode(env), color: detectColor(env) };
}

export interface Glyphs {
  status: Record<Exclude<StepStatus, 'running'>, string>;
  spinner: string[];
  ellipsis: string;
  rule: string;
  barFull: string;
  barEmpty: string;
  dot: string;
  arrow: string;
}

const UNICODE: Glyphs = {
  status: { pending: '○', done: '✔', drifted: '≠', failed: '✖', skipped: '–', blocked: '⊘', interrupted: '‖', kept: '◇' },
  spinner: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
  ellipsis: '…',
  rule: '─',
  barFull: '█',
  barEmpty: '░',
  dot: '·',
  arrow: '›',
};

const ASCII: Glyphs = {
  status: { pending: 'o', done: '+', drifted: '~', failed: 'x', skipped: '-', blocked: '!', interrupted: '=', kept: '*' },
  // No '-' among the frames: that is the skipped mark.
  spinner: ['|', '/', '|', '\\'],
  ellipsis: '...',
  rule: '-',
  barFull: '#',
  barEmpty: '.',
  dot: '-',
  arrow: '>',
};

export function glyphsFor(look: Look): Glyphs {
  return look.unicode ? UNICODE : ASCII;
}

/** Colour of each status mark (Ink colour names); monochrome terminals get none. */
export const STATUS_COLOR: Record<StepStatus, string> = {
  pending: 'gray',
  running: 'cyan',
  done: 'green',
  drifted: 'yellow',
  failed: 'red',
  skipped: 'gray',
  blocked: 'magenta',
  interrupted: 'yellow',
  kept: 'blue',
};
