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
  let resumed = false;
  const resume = () => {
    if (resumed) return;
    resumed = true;
    process.off('SIGCONT', resume);
    clearTimeout(ignored);
    io.setRawMode(true);
    io.redraw();
  };
  process.on('SIGCONT', resume);
  process.kill(0, 'SIGTSTP');
  // An orphaned process group (run with no job-control shell above it, e.g. as a tmux pane's own
  // command) is not stopped: the kernel drops the signal. Go on as before, keys and all, instead of
  // waiting for a SIGCONT that never comes. A job that was stopped is long past this when it is
  // continued, and the SIGCONT or this, whichever runs first, resumes it once. (The timer also keeps
  // the process alive while stopped: raw mode off unrefs stdin, and `show` has nothing else.)
  const ignored = setTimeout(resume, 100);
}
