// Exit codes a script can rely on, and the one error type that means "you asked for something
// that cannot be done as asked" (exit 2), as opposed to a step that failed (exit 1).
export const EXIT = { done: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
