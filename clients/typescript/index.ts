import createClient, { type Client } from 'openapi-fetch'
import type { components, paths } from './schema.js'

/** A typed Spotter client: `await client.POST('/api/v1/workouts', { body })` answers `{ data, error }`. */
export type SpotterClient = Client<paths>
export type Schemas = components['schemas']
export interface Tokens { accessToken: string, refreshToken: string }

export interface SpotterClientOptions {
  /** The server's origin, e.g. https://spotter.example.com */
  baseUrl: string
  tokens?: Tokens
  /** Called with every new token pair (login, register, refresh): store them to stay logged in. */
  onTokens?: (tokens: Tokens) => void
  fetch?: (input: Request) => Promise<Response>
}

const REFRESH = '/api/v1/auth/refresh'
const TOKEN_PATHS = new Set(['/api/v1/auth/login', '/api/v1/auth/register', REFRESH])

/**
 * Sends the access token as a bearer token; on a 401 it refreshes once (POST /auth/refresh)
 * and retries the request with the new token. Logging in or registering through the client
 * keeps its tokens too.
 */
export function createSpotterClient (options: SpotterClientOptions): SpotterClient {
  const send = options.fetch ?? globalThis.fetch
  let tokens = options.tokens
  let refreshing: Promise<boolean> | undefined

  const keep = (next: Tokens): void => {
    tokens = { accessToken: next.accessToken, refreshToken: next.refreshToken }
    options.onTokens?.(tokens)
  }
  const authorized = (request: Request): Request => {
    if (tokens !== undefined) request.headers.set('authorization', `Bearer ${tokens.accessToken}`)
    return request
  }
  // One refresh at a time: concurrent 401s wait for the same one (a refresh token is single use).
  const refresh = async (): Promise<boolean> => {
    const refreshToken = tokens?.refreshToken
    if (refreshToken === undefined) return false
    refreshing ??= (async () => {
      const res = await send(new Request(new URL(REFRESH, options.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken })
      }))
      if (!res.ok) return false
      keep(await res.json() as Tokens)
      return true
    })().finally(() => { refreshing = undefined })
    return await refreshing
  }

  const fetchWithTokens = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname
    const retry = request.clone()
    const response = await send(authorized(request))
    if (TOKEN_PATHS.has(path)) {
      if (response.ok) keep(await response.clone().json() as Tokens)
      return response
    }
    if (response.status !== 401 || !await refresh()) return response
    return await send(authorized(retry))
  }

  return createClient<paths>({ baseUrl: options.baseUrl, fetch: fetchWithTokens })
}
