// Terminal text helpers: display width, truncation and word wrap for plain (unstyled) strings.
// The layout is computed line by line so it can promise "never wider than the terminal";
// styling is applied afterwards by Ink, so these functions never see escape codes.

/** Columns a code point takes: 0 for combining marks and controls, 2 for wide East Asian and emoji. */
function codePointWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += codePointWidth(ch.codePointAt(0)!);
  return width;
}

/** Escape sequences and control characters out, tabs to spaces: text from errors and steps is data. */
export function clean(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\t/g, '  ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '');
}

/** Cut to `width` columns, ending with the ellipsis when something was cut. */
export function truncate(text: string, width: number, ellipsis: string): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  const room = width - textWidth(ellipsis);
  if (room <= 0) return ellipsis.slice(0, width);
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = codePointWidth(ch.codePointAt(0)!);
    if (used + w > room) break;
    out += ch;
    used += w;
  }
  return out.trimEnd() + ellipsis;
}

/** Where a word too long for any line breaks best: after one of these (a path, URL, name or identifier). */
const BREAK_AFTER = /[./_\-:,;)=&?]/;

/**
 * The part of `word` that goes on a line of `width` columns: up to the last break character
 * (QUICKSTART_DB.PUBLIC. | "APPLICATION-LOGS", openflow_qs_kafka_ | connector) when that keeps at
 * least a third of the line, otherwise as much as fits.
 */
function headOf(word: string, width: number): string {
  let head = '';
  for (const ch of word) {
    if (textWidth(head + ch) > width) break;
    head += ch;
  }
  if (head.length === word.length) return head;
  const chars = [...head];
  for (let i = chars.length - 1; i > 0; i--) {
    if (!BREAK_AFTER.test(chars[i]!)) continue;
    const cut = chars.slice(0, i + 1).join('');
    return textWidth(cut) >= width / 3 ? cut : head;
  }
  return head;
}

/** Word wrap to `width` columns; a word longer than a line breaks after punctuation where it can, else hard. Newlines are kept. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      while (textWidth(rest) > width) {
        // A word that cannot fit on any line: fill the current line with as much as fits.
        if (line) {
          lines.push(line);
          line = '';
        }
        const head = headOf(rest, width);
        if (!head) return lines; // width below one character: nothing can be shown
        lines.push(head);
        rest = rest.slice(head.length);
      }
      if (!rest) continue;
      if (!line) line = rest;
      else if (textWidth(line) + 1 + textWidth(rest) <= width) line += ' ' + rest;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Pad with spaces on the right to exactly `width` columns (truncating if longer). */
export function padEnd(text: string, width: number, ellipsis: string): string {
  const cut = truncate(text, width, ellipsis);
  return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}
