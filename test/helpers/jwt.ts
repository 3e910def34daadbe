import { createHmac } from 'node:crypto'
import { TEST_SECRET } from './app.js'

/** Reading and forging JWTs, to check claims and to attack the token check with crafted tokens. */
export type Claims = Record<string, unknown>

const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url')
const HMAC: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }

export function decodeJwt (token: string): { header: Claims, payload: Claims, signature: string } {
  const [header, payload, signature] = token.split('.')
  const decode = (part: string): Claims => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Claims
  return { header: decode(header), payload: decode(payload), signature }
}

/** Signs `payload` with HMAC (HS256 unless the header says HS384/HS512); `alg: none` gets an empty signature. */
export function signJwt (payload: Claims, options: { secret?: string, header?: Claims } = {}): string {
  const header = options.header ?? { alg: 'HS256', typ: 'JWT' }
  const signingInput = `${encode(header)}.${encode(payload)}`
  const hmac = HMAC[String(header.alg)]
  const signature = hmac === undefined ? '' : createHmac(hmac, options.secret ?? TEST_SECRET).update(signingInput).digest('base64url')
  return `${signingInput}.${signature}`
}

/** The same token with its payload swapped for `payload`, keeping the original header and signature. */
export function withPayload (token: string, payload: Claims): string {
  const [header, , signature] = token.split('.')
  return `${header}.${encode(payload)}.${signature}`
}
