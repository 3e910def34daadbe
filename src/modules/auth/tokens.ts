import { createHash, randomBytes } from 'node:crypto'

export const ACCESS_TOKEN_TTL_SEC = 15 * 60
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000
export const TOKEN_ISSUER = 'spotter'
export const TOKEN_AUDIENCE = 'spotter-api'

/** The JWT header typ of access tokens (RFC 9068), required exactly: no other JWT passes for one. */
export const ACCESS_TOKEN_TYP = 'at+jwt'
/** How far ahead of this clock another instance's iat may be. */
export const MAX_CLOCK_SKEW_SEC = 60

export interface AccessClaims { sub: string, sid: string }

/**
 * The one encoding of a signature's bytes: base64url without padding and without spare low bits
 * set. Decoders ignore those bits, so without this check one token has several spellings.
 */
export const isCanonicalBase64url = (part: string): boolean =>
  Buffer.from(part, 'base64url').toString('base64url') === part

/** Checks fast-jwt does not make: the header typ exactly, and an iat that is a number not in the future. */
export function isAcceptableAccessToken (header: { typ?: unknown }, claims: { iat?: unknown }, nowMs: number): boolean {
  return header.typ === ACCESS_TOKEN_TYP &&
    typeof claims.iat === 'number' && Number.isFinite(claims.iat) &&
    claims.iat <= nowMs / 1000 + MAX_CLOCK_SKEW_SEC
}

/** 256 random bits; the database keeps only its SHA-256, which is enough for a secret this long. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url')
/** Password reset tokens are made and stored (as hashToken) the same way. */
export const newResetToken = newRefreshToken
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url')
