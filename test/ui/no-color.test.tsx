/** @jsxRuntime automatic */
// NO_COLOR (https://no-color.org): not one escape code on screen. Colours are forced on for this
// process first, so the same frame without NO_COLOR does carry them and the test can fail.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

process.env.FORCE_COLOR = '3';
const { render, cleanup } = await import('ink-testing-library');
const { App } = await import('../../src/app/App.js');
const { createEventHub } = await import('../../src/app/source.js');
const { plan, doneUpTo } = await import('./script.js');
const { frameWhere } = await import('./harness.js');

async function frameWith(noColor: string | undefined): Promise<string> {
  if (noColor === undefined) delete process.env.NO_COLOR;
  else process.env.NO_COLOR = noColor;
  const hub = createEventHub();
  hub.emit(plan({ cleanup: 'skipped' }));
  for (const e of doneUpTo('produce-base-logs')) hub.emit(e);
  hub.emit({ type: 'step-start', id: 'produce-base-logs', at: Date.now() });
  hub.emit({ type: 'progress', id: 'produce-base-logs', update: { done: 10, total: 50, unit: 'records' }, ratePerSec: 99 });
  const app = render(<App events={hub} onInterrupt={() => {}} />);
  try {
    return await frameWhere(app.lastFrame, (f) => f.includes('10/50 records'), 'with progress');
  } finally {
    cleanup();
  }
}

const ESC = /\u001b\[/;

describe('NO_COLOR', () => {
  it('colours by default', async () => {
    assert.match(await frameWith(undefined), ESC);
  });

  it('no escape codes at all when NO_COLOR is set, and still readable', async () => {
    const frame = await frameWith('1');
    assert.doesNotMatch(frame, ESC);
    assert.match(frame, /✔ Preflight checks/);
    assert.match(frame, /10\/50 records {2}20% {2}99 records\/s/);
  });

  it('an empty NO_COLOR does not count', async () => {
    assert.match(await frameWith(''), ESC);
  });
});
