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
  const header = options.header ?? { alg: 'HS256', typ: 'at+jwt' }
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

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * The same token with the unused low bits of its signature's last character set: a 32-byte
 * HS256 signature is 43 characters, 258 bits, so the last 2 bits carry nothing and the
 * signature decodes to the same bytes (a non-canonical encoding).
 */
export function withSpareBitsFlipped (token: string): string {
  const [header, payload, signature] = token.split('.')
  const last = BASE64URL.indexOf(signature.at(-1) ?? '')
  const spare = (6 - (Buffer.from(signature, 'base64url').length * 8) % 6) % 6
  if (spare === 0) throw new Error('this signature has no spare bits')
  return `${header}.${payload}.${signature.slice(0, -1)}${BASE64URL[last ^ ((1 << spare) - 1)]}`
}
