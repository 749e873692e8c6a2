/** A hidden page draws no frames: past this, the task runs anyway (ms). */
const NO_FRAME_FALLBACK_MS = 200;

/**
 * Runs `task` once, just after the browser has drawn its next frame: requestAnimationFrame fires
 * right before the frame is drawn, and a task posted from there runs right after it. Used for work
 * that follows a verdict (the roster refresh) so it does not hold up the verdict's own frame.
 * Returns a cancel function.
 */
export function afterNextPaint(task: () => void): () => void {
  let done = false;
  let posted: number | undefined;
  const run = (): void => {
    if (done) return;
    done = true;
    window.cancelAnimationFrame(frame);
    window.clearTimeout(posted);
    window.clearTimeout(fallback);
    task();
  };
  const frame = window.requestAnimationFrame(() => {
    posted = window.setTimeout(run, 0);
  });
  const fallback = window.setTimeout(run, NO_FRAME_FALLBACK_MS);
  return () => {
    done = true;
    window.cancelAnimationFrame(frame);
    window.clearTimeout(posted);
    window.clearTimeout(fallback);
  };
}
