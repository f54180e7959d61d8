// A y/n question answered by one key, as in the walk: y or n (Enter takes the default), no Enter
// needed. An Enter typed right after the key ("n⏎", a habit from other tools) is swallowed
// rather than left for the shell to run.
import { emitKeypressEvents } from 'node:readline';
import wrapAnsi from 'wrap-ansi';
import { suspendToShell } from '../app/suspend.js';

/** How long after the answer a stray Enter still belongs to it. */
const STRAY_ENTER_MS = 400;

export class PromptInterrupted extends Error {
  constructor() {
    super('stopped at a prompt; nothing was changed');
    // Handled like inquirer's Ctrl-C at a prompt (exit 130).
    this.name = 'ExitPromptError';
  }
}

export async function askYesNo(
  question: string,
  opts: { defaultAnswer: boolean; input?: NodeJS.ReadStream; output?: NodeJS.WritableStream },
): Promise<boolean> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  // Wrapped at words on a terminal (the terminal's own wrap cuts words: "are not to" / "uched").
  const columns = (output as NodeJS.WriteStream).columns;
  const prompt = `? ${question} ${opts.defaultAnswer ? '[Y/n]' : '[y/N]'}`;
  const shown = `${columns ? wrapAnsi(prompt, Math.max(20, columns - 1), { hard: true }) : prompt} `;
  emitKeypressEvents(input);
  const wasRaw = input.isRaw;
  input.setRawMode?.(true);
  input.resume();
  // Asked once raw mode is on: a key typed at the question is ours, not the terminal's (an early
  // Ctrl-Z would stop the job with nothing to ask again after `fg`).
  output.write(shown);
  try {
    const yes = await new Promise<boolean>((resolve, reject) => {
      const onKey = (str: string | undefined, key: { name?: string; ctrl?: boolean } = {}) => {
        let answer: boolean | undefined;
        // Ctrl-Z suspends as it would without raw mode; after `fg` the question is asked again.
        if (key.ctrl && key.name === 'z') return suspendToShell({ setRawMode: (on) => input.setRawMode?.(on), stdout: output as NodeJS.WriteStream, redraw: () => output.write(shown) });
        if (key.ctrl && (key.name === 'c' || key.name === 'd')) {
          input.off('keypress', onKey);
          output.write('\n'); // what follows is not on the question's line
          return reject(new PromptInterrupted());
        }
        if (str === 'y' || str === 'Y') answer = true;
        else if (str === 'n' || str === 'N') answer = false;
        else if (key.name === 'return' || key.name === 'enter') answer = opts.defaultAnswer;
        if (answer === undefined) return;
        input.off('keypress', onKey);
        resolve(answer);
      };
      input.on('keypress', onKey);
    });
    output.write(`${yes ? 'yes' : 'no'}\n`);
    await swallowStrayEnter(input);
    return yes;
  } finally {
    input.setRawMode?.(wasRaw ?? false);
    input.pause();
  }
}

function swallowStrayEnter(input: NodeJS.ReadStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      input.off('keypress', onKey);
      resolve();
    };
    const onKey = (_: string | undefined, key: { name?: string } = {}) => {
      if (key.name === 'return' || key.name === 'enter') done();
    };
    const timer = setTimeout(done, STRAY_ENTER_MS);
    input.on('keypress', onKey);
  });
}
