// Text for a terminal whose locale is not UTF-8 (LANG=C): typographic punctuation, arrows and box
// glyphs become their ASCII spellings, so nothing turns into mojibake or '?' boxes.
const MAP: Record<string, string> = {
  '—': '-', '–': '-', '‒': '-', '−': '-', '…': '...', '‘': "'", '’': "'", '‚': "'", '“': '"', '”': '"', '„': '"',
  '→': '->', '←': '<-', '↑': '^', '↓': 'v', '⏎': 'Enter', '•': '*', '·': '-', '✔': '+', '✓': '+', '✖': 'x', '✗': 'x',
  '≠': '!=', '≥': '>=', '≤': '<=', '×': 'x', '±': '+/-', '█': '#', '▌': '#', '░': '.', '▸': '>', '›': '>', '‹': '<',
  // Snowsight's three-dot menu (the hand-off says "Parameter contexts → ⋮ → Edit").
  '⋮': '...', '⋯': '...',
  '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ',
};

/** `text` in ASCII only; accents are dropped (é → e), anything else unknown becomes '?'. */
export function toAscii(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else if (MAP[ch] !== undefined) out += MAP[ch];
    else {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0x2500 && cp <= 0x257f) out += boxChar(cp);
      else {
        const bare = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
        out += /^[\x00-\x7f]+$/.test(bare) ? bare : '?';
      }
    }
  }
  return out;
}

/** Box drawing: horizontal lines to '-', vertical to '|', corners and crossings to '+'. */
function boxChar(cp: number): string {
  const horizontal = [0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254c, 0x254d, 0x2550];
  const vertical = [0x2502, 0x2503, 0x2506, 0x2507, 0x250a, 0x250b, 0x254e, 0x254f, 0x2551];
  return horizontal.includes(cp) ? '-' : vertical.includes(cp) ? '|' : '+';
}

/** Every string in a plain value (events, panels) through toAscii; functions are kept as they are. */
export function asciiDeep<T>(value: T): T {
  if (typeof value === 'string') return toAscii(value) as T;
  if (Array.isArray(value)) return value.map(asciiDeep) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = asciiDeep(v);
    return out as T;
  }
  return value;
}
