import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * What one request carries into the writes it makes, without threading it through every
 * service: the `If-Match` it must meet (checked where the change is recorded, inside the
 * write's transaction, so two writers holding the same ETag cannot both win), and the numbers
 * the write recorded (the answer's ETag). Set by src/plugins/conditional.ts per request.
 */
export interface ConditionalContext {
  /** The resource whose ETag `If-Match` names, and the header's entity tags ('*' for any). */
  ifMatch?: { type: string, id: string, tags: string[], ownSeq?: number }
  /** Change numbers recorded by this request's writes, by `type:id` (a delete: undefined, no ETag). */
  recorded: Map<string, number | undefined>
}

export const conditionalContext = new AsyncLocalStorage<ConditionalContext>()

/** The strong ETag of a resource whose latest change has number `seq`. */
export const etagOf = (seq: number): string => `"${seq}"`

/** The entity tags of an If-Match / If-None-Match header ('*' stays '*'; weak tags keep their W/). */
export function entityTags (header: string): string[] {
  return header.split(',').map((t) => t.trim()).filter((t) => t !== '')
}

/** Strong comparison (RFC 9110 §8.8.3.2): a weak tag never matches. */
export const matchesStrong = (tags: string[], etag: string | undefined): boolean =>
  etag !== undefined && tags.some((t) => t === '*' || t === etag)

/** Weak comparison, for If-None-Match (RFC 9110 §13.1.2). */
export const matchesWeak = (tags: string[], etag: string | undefined): boolean =>
  etag !== undefined && tags.some((t) => t === '*' || t.replace(/^W\//, '') === etag)
