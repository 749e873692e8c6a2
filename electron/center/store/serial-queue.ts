/**
 * Runs async jobs one after another: one SQLite connection must not see another request's
 * statements land inside a transaction it has open across an await.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
