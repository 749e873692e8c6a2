/** A browser of one center user over HTTP: its cookie jar is the one session cookie, and it sends the CSRF token it was given. */
export class CenterBrowser {
  private cookie = '';
  csrf = '';
  constructor(private readonly base: string) {}

  async call(method: 'GET' | 'POST', path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), cookie: this.cookie, 'x-csrf-token': this.csrf, ...extra },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return res;
  }

  /** The answer as JSON with its HTTP status. */
  async json<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; ok: boolean; value: T; message: string | undefined }> {
    const res = await this.call(method, path, body);
    const answer = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    return { status: res.status, ok: answer.ok, value: answer.value, message: answer.error?.message };
  }

  async logIn(username: string, password: string): Promise<void> {
    const res = await this.call('POST', '/api/login', { username, password });
    const answer = (await res.json()) as { ok: boolean; value: { csrf: string } };
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    this.csrf = answer.value.csrf;
  }
}
