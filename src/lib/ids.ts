import { uuidv7 } from 'uuidv7'

/** Server-made ids are UUIDv7: time-ordered, so they double as a stable tie-breaker in sorts. */
export const newId = (): string => uuidv7()
