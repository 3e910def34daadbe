import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
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
  return publishSecret(file, randomBytes(48).toString('base64url'))
}

/**
 * The secret appears in `file` whole or not at all: it is written to a file of this process's
 * own and hard-linked into place, which fails if another instance got there first (then that
 * one's secret is used, so instances started together sign alike). A file created with 'wx' and
 * then written could be read empty by the other instance in between.
 */
function publishSecret (file: string, secret: string): string {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(draft, secret + '\n', { mode: 0o600 })
  try {
    linkSync(draft, file)
    return secret
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const theirs = readFileSync(file, 'utf8').trim()
    if (theirs.length >= MIN_SECRET_LENGTH) return theirs
    // An empty or truncated file (left by an older release) is too weak to sign with: replace it.
    renameSync(draft, file)
    return secret
  } finally {
    rmSync(draft, { force: true })
  }
}
