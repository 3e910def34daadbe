// A small JSON client for the public API (the benchmark touches the server only through HTTP,
// as a real client would) and a session that logs in again when its access token expires.

export interface ApiResponse<T = unknown> { status: number, json: T, text: string }
export type Api = <T = unknown>(method: string, path: string, options?: { token?: string, body?: unknown }) => Promise<ApiResponse<T>>

export function apiClient (base: string): Api {
  const root = `${base}/api/v1`
  return async <T>(method: string, path: string, { token, body }: { token?: string, body?: unknown } = {}) => {
    const headers: Record<string, string> = {}
    if (token !== undefined) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(root + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    let json: unknown = null
    try { json = JSON.parse(text) } catch { /* not JSON */ }
    return { status: res.status, json: json as T, text }
  }
}

export function expectStatus<T> (res: ApiResponse<T>, statuses: number[], what: string): ApiResponse<T> {
  if (!statuses.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${res.text.slice(0, 400)}`)
  return res
}

export interface Credentials { email: string, password: string }
interface AuthResult { accessToken: string, user: { id: string } }

/** The heavy user's session: register once, log in for a fresh token whenever needed. */
export class Session {
  token = ''
  userId = ''
  constructor (readonly api: Api, readonly credentials: Credentials) {}

  async register (): Promise<void> {
    let res = await this.api<AuthResult>('POST', '/auth/register', { body: { ...this.credentials, displayName: 'Heavy Lifter' } })
    if (res.status === 409) res = await this.api<AuthResult>('POST', '/auth/login', { body: this.credentials })
    this.use(expectStatus(res, [200, 201], 'register'))
  }

  async login (): Promise<string> {
    this.use(expectStatus(await this.api<AuthResult>('POST', '/auth/login', { body: this.credentials }), [200], 'login'))
    return this.token
  }

  /** An authenticated request; a 401 (expired token during a long seeding) logs in and retries once. */
  async request<T> (method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const res = await this.api<T>(method, path, { token: this.token, body })
    if (res.status !== 401) return res
    await this.login()
    return await this.api<T>(method, path, { token: this.token, body })
  }

  private use (res: ApiResponse<AuthResult>): void {
    this.token = res.json.accessToken
    this.userId = res.json.user.id
  }
}
