// A shell command shown for a person to copy (how to resume the walk), on a terminal narrower
// than the command: cut with '…' it would run something else, so it is split into lines that
// end with ' \' — what a shell reads as one command when the lines are pasted together.
import { textWidth } from './text.js';

/** `command` as lines of at most `width` columns: the first after `prompt`, the others indented under it. */
export function commandLines(command: string, width: number, prompt = '  $ '): string[] {
  const indent = ' '.repeat(prompt.length + 2);
  // Words, a quoted one kept whole (its spaces are part of it).
  const words = command.match(/(?:'[^']*'|[^\s'])+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  // After a break inside a word the next line starts at its first column: the shell removes only
  // the backslash-newline, so an indent there would split the word.
  let glued = false;
  const start = () => (lines.length === 0 ? prompt : glued ? '' : indent);
  words.forEach((word, i) => {
    const last = i === words.length - 1;
    // Room for ' \' at the end of every line but the last.
    if (line && textWidth(`${start()}${line} ${word}`) + (last ? 0 : 2) > width) {
      lines.push(`${start()}${line} \\`);
      line = '';
      glued = false;
    }
    if (line) {
      line += ` ${word}`;
      return;
    }
    // A word too long for a line of its own is broken with a backslash-newline, which the shell
    // removes (not inside quotes, where it would stay: such a word is left whole).
    let rest = word;
    while (!rest.includes("'") && textWidth(start() + rest) + (last ? 0 : 2) > width && width - textWidth(start()) - 1 >= 8) {
      const room = width - textWidth(start()) - 1;
      lines.push(`${start()}${rest.slice(0, room)}\\`);
      rest = rest.slice(room);
      glued = true;
    }
    line = rest;
  });
  lines.push(`${start()}${line}`);
  return lines;
}
