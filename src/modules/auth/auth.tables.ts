import type { Generated } from 'kysely'

export interface UsersTable {
  id: string
  email: string
  password_hash: string
  display_name: string | null
  unit_system: string
  /** IANA time zone name: weeks and dates of statistics are in it. */
  time_zone: Generated<string>
  created_at: string
  updated_at: string
  /** Bumped by every write that changes this user's statistics (see stats-cache.ts). */
  stats_version: Generated<number>
}

export interface SessionsTable {
  id: string
  user_id: string
  created_at: string
  expires_at: string
  revoked_at: string | null
}

export interface RefreshTokensTable {
  token_hash: string
  session_id: string
  created_at: string
  used_at: string | null
}

/** Per account key (normalised email): consecutive failed logins, and the lock at 100. */
export interface LoginThrottleTable {
  email: string
  failures: number
  /** Locked until (the lock after 100 failures); null while not locked. */
  blocked_until: string | null
  updated_at: string
}

/** Per account key and client address: the growing wait between failed logins. */
export interface LoginDelaysTable {
  email: string
  address: string
  failures: number
  next_attempt_at: string | null
  updated_at: string
}

/** A password reset link: single use, valid until expires_at; only the token's SHA-256 is kept. */
export interface PasswordResetsTable {
  token_hash: string
  user_id: string
  created_at: string
  expires_at: string
  used_at: string | null
}

export interface AuthTables {
  users: UsersTable
  sessions: SessionsTable
  refresh_tokens: RefreshTokensTable
  login_throttle: LoginThrottleTable
  login_delays: LoginDelaysTable
  password_resets: PasswordResetsTable
}
