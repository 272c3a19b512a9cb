// A signed-in HTTP client for tests against real server processes: session cookie, CSRF header, JSON.
export interface ApiResponse<T = any> {
  readonly status: number;
  readonly body: T;
}

export class ApiClient {
  private cookie = '';
  private csrf = '';

  constructor(readonly base: string) {}

  /** Same session, another server process (they share the database, so the session is valid there too). */
  on(base: string): ApiClient {
    const other = new ApiClient(base);
    other.cookie = this.cookie;
    other.csrf = this.csrf;
    return other;
  }

  async login(login: string, password: string): Promise<this> {
    const res = await fetch(`${this.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
    if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
    // Every cookie the server sets (the session and the known-device mark), as a browser would send them back.
    this.cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    return this;
  }

  async get<T = any>(path: string): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.base}${path}`, { headers: { cookie: this.cookie } });
    return { status: res.status, body: (await res.json()) as T };
  }

  async post<T = any>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  command<T = any>(project: string, action: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.post<T>(`/api/projects/${project}/commands/${action}`, body, headers);
  }
}
