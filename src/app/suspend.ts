// Ctrl-Z in raw mode (the Ink screen, a one-key question). In raw mode the terminal hands the key
// to us instead of stopping the job, so do what it would have done: give the terminal back as the
// shell expects it (cooked mode, cursor shown), stop the whole foreground job as the terminal's
// SIGTSTP would (the process group: `npm start` stops with us), and on `fg` (SIGCONT) take raw
// mode back and show again what was on screen, since the shell has written under it meanwhile.
export interface SuspendIo {
  setRawMode(on: boolean): void;
  stdout: NodeJS.WriteStream;
  /** Show again what was on screen (after `fg`, the shell's lines are under it). */
  redraw(): void;
}

export function suspendToShell(io: SuspendIo): void {
  io.setRawMode(false);
  io.stdout.write('\u001b[?25h'); // the cursor Ink hid
  // Raw mode off unrefs stdin: something must keep the process alive to see SIGCONT (`show` has
  // nothing else running).
  const alive = setInterval(() => {}, 1 << 30);
  process.once('SIGCONT', () => {
    clearInterval(alive);
    io.setRawMode(true);
    io.redraw();
  });
  process.kill(0, 'SIGTSTP');
}
