import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { MIN_SECRET_LENGTH, type Config } from '../config.js'

/**
 * Development convenience: without JWT_SECRET, generate 48 random bytes once and keep them in a
 * 0600 file beside the database, so tokens survive restarts. Production never gets here
 * (loadConfig refuses to start without a secret). An in-memory SQLite database gets a
 * throwaway secret, as its data dies with the process anyway.
 */
export function resolveJwtSecret (config: Config): string {
  if (config.jwtSecret !== undefined) return config.jwtSecret
  if (config.database.dialect === 'sqlite' && config.database.file === ':memory:') {
    return randomBytes(48).toString('base64url')
  }
  const file = path.join(config.dataDir, 'jwt-secret')
  try {
    const existing = readFileSync(file, 'utf8').trim()
    if (existing.length >= MIN_SECRET_LENGTH) return existing
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  mkdirSync(config.dataDir, { recursive: true })
  const secret = randomBytes(48).toString('base64url')
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const theirs = readFileSync(file, 'utf8').trim()
    if (theirs.length >= MIN_SECRET_LENGTH) return theirs
    // An empty or truncated file is too weak to sign with: replace it.
    writeFileSync(file, secret + '\n', { mode: 0o600 })
  }
  chmodSync(file, 0o600)
  return secret
}
