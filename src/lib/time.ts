/** Instants are stored and returned as ISO 8601 UTC text with milliseconds, which sorts in time order. */
export const nowIso = (): string => new Date().toISOString()

/** Normalises any valid ISO 8601 instant with an offset (already checked by the schema) to UTC. */
export const toIso = (value: string): string => new Date(value).toISOString()
