// Asking a person for what no source gave. One small function type, so the resolver never touches
// a TTY itself: the CLI passes inquirerPrompt (before Ink mounts; never both on stdin), tests pass
// scriptedPrompt, headless runs pass null.

export interface PromptChoice {
  value: string;
  name: string;
  description?: string;
}

export type PromptQuestion =
  | { kind: 'input'; key: string; message: string; default?: string; validate: (value: string) => true | string }
  | { kind: 'password'; key: string; message: string; validate: (value: string) => true | string }
  | { kind: 'select'; key: string; message: string; choices: readonly PromptChoice[]; default?: string };

/** Resolves to the answer; rejects if the person cancels (inquirer's ExitPromptError on Ctrl-C). */
export type PromptFn = (question: PromptQuestion) => Promise<string>;

/** Where inquirer reads and writes; the default is the process's stdin/stdout. */
export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  signal?: AbortSignal;
}

/** The real thing: @inquirer/prompts, loaded only when a question is actually asked. */
export function createInquirerPrompt(streams: PromptStreams = {}): PromptFn {
  return async (question) => {
    const prompts = await import('@inquirer/prompts');
    switch (question.kind) {
      case 'input':
        return prompts.input({ message: question.message, default: question.default, validate: question.validate }, streams);
      case 'password':
        return prompts.password({ message: question.message, mask: true, validate: question.validate }, streams);
      case 'select':
        return prompts.select({ message: question.message, choices: question.choices, default: question.default }, streams);
    }
  };
}

export const inquirerPrompt: PromptFn = createInquirerPrompt();

export interface ScriptedPrompt extends PromptFn {
  /** Every question asked, in order. */
  asked: PromptQuestion[];
  /** Answers the question's own validation turned down (as inquirer would show inline), never the answer itself. */
  rejections: { key: string; message: string }[];
}

/**
 * Answers by key. A list gives successive attempts: an answer the question's validation rejects is
 * recorded in `rejections` and the next one is tried, as a person retyping would.
 */
export function scriptedPrompt(answers: Readonly<Record<string, string | readonly string[]>>): ScriptedPrompt {
  const pending = new Map(Object.entries(answers).map(([key, a]) => [key, typeof a === 'string' ? [a] : [...a]]));
  const asked: PromptQuestion[] = [];
  const rejections: { key: string; message: string }[] = [];
  const prompt = async (question: PromptQuestion): Promise<string> => {
    asked.push(question);
    const queue = pending.get(question.key);
    while (queue && queue.length > 0) {
      const answer = queue.shift()!;
      if (question.kind === 'select') {
        if (question.choices.some((c) => c.value === answer)) return answer;
        throw new Error(`scripted answer for ${question.key} is not one of the choices`);
      }
      const verdict = question.validate(answer);
      if (verdict === true) return answer;
      rejections.push({ key: question.key, message: verdict });
    }
    throw new Error(`no (more) scripted answers for ${question.key}`);
  };
  return Object.assign(prompt, { asked, rejections });
}
