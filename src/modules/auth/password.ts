import { hash, verify } from '@node-rs/argon2'

// argon2id with OWASP's first recommended profile (19 MiB, 2 passes, 1 lane). Hashing runs on
// libuv's thread pool, so a burst of logins never blocks the event loop.
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id, a const enum */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1
} as const

export const hashPassword = async (password: string): Promise<string> => await hash(password, OPTIONS)

export async function verifyPassword (stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

let dummy: Promise<string> | undefined
/**
 * Verifies against a throwaway hash of the same cost, so an unknown email takes as long as a
 * wrong password and the two cannot be told apart by timing.
 */
export async function verifyDummy (password: string): Promise<false> {
  dummy ??= hashPassword('dummy password that matches nothing')
  await verifyPassword(await dummy, password)
  return false
}
