// `openflow-params [--json]`: the Openflow connector's three parameter contexts for the current
// setup, as the hand-off shows them (secret masked), at any time — e.g. in a Kafka-only setup,
// next to `sql setup`, while configuring the connector in the canvas.
import { EXIT } from './exit.js';
import type { GlobalOptions } from './global-options.js';
import { prepare } from './prepare.js';
import { toAscii } from '../app/ascii.js';
import { detectUnicode } from '../app/terminal.js';
import { MASK, WAITED_ON, formatParameterTables, openflowParameterContexts } from '../../steps/shared/openflow-parameters.js';

export async function openflowParamsCommand(opts: GlobalOptions & { json: boolean }, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  // The contexts hold Kafka's settings and the tutorial's names; no Snowflake session, so no password.
  const prepared = await prepare(opts, { interactive: false, snowflake: 'presence' });
  try {
    const config = await prepared.start();
    const contexts = openflowParameterContexts(config);
    if (opts.json) {
      const masked = contexts.map((c) => ({ title: c.title, parameters: c.parameters.map((p) => ({ name: p.name, value: p.secret && p.value ? MASK : p.value, ...(p.secret ? { secret: true } : {}) })) }));
      write(`${JSON.stringify({ connector: 'Openflow Kafka; JSON + SASL + Schema evolution', waitedOn: WAITED_ON, contexts: masked }, null, 2)}\n`);
    } else {
      // The mask (••••) and the tables' punctuation in ASCII when the locale is not UTF-8 (LANG=C).
      const text = prepared.redactor.redact(formatParameterTables(contexts));
      write(`${detectUnicode() ? text : toAscii(text)}\n`);
    }
    return EXIT.done;
  } finally {
    await prepared.close();
  }
}
