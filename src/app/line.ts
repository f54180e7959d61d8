// A screen line as styled segments: what the layout and the charts produce and Ink draws.
import { clean, textWidth, truncate } from './text.js';

export interface Seg {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
}
export type Line = Seg[];

/** Cut a line's segments so that together they fit `width` columns. */
export function fitLine(line: Line, width: number, ellipsis: string): Line {
  const out: Line = [];
  let used = 0;
  for (const seg of line) {
    const text = clean(seg.text);
    const w = textWidth(text);
    if (used + w <= width) {
      out.push({ ...seg, text });
      used += w;
      continue;
    }
    const room = width - used;
    if (room > 0) out.push({ ...seg, text: truncate(text, room, ellipsis) });
    break;
  }
  return out;
}

export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}

/** Lines as plain text (for pipes and `query --chart`): styles dropped, trailing blanks trimmed. */
export function linesText(lines: Line[]): string {
  return lines.map((l) => lineText(l).trimEnd()).join('\n');
}
