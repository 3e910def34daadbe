import { createHash, randomBytes } from 'node:crypto'

export const ACCESS_TOKEN_TTL_SEC = 15 * 60
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000
export const TOKEN_ISSUER = 'spotter'
export const TOKEN_AUDIENCE = 'spotter-api'

export interface AccessClaims { sub: string, sid: string }

/** 256 random bits; the database keeps only its SHA-256, which is enough for a secret this long. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url')
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url')
