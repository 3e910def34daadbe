import libraryFile from '../../exercises/library/exercises.json' with { type: 'json' }
import type { Equipment, Tracking } from '../../exercises/exercises.vocabulary.js'
import { APP_NAMES } from './app-names.js'
import { canonicalKey, canonicalWords, exerciseKey } from './key.js'

/** What the matcher needs of a predefined exercise. */
export interface LibraryExercise {
  id: string
  name: string
  tracking: Tracking
  equipment: Equipment[]
  aliases: string[]
}

/**
 * The library keyed three ways, built once (a match is then a few map lookups, so 500 names
 * take well under a millisecond each): `exact` by the contract's key of each name and alias,
 * `spelling` by their canonical key (plurals, abbreviations), `appNames` by the canonical key of
 * the names other apps use (app-names.ts). Two exercises sharing a key would make a match depend
 * on file order, so that is refused when the index is built (the tests build it).
 */
export interface LibraryIndex {
  byId: Map<string, LibraryExercise>
  exact: Map<string, LibraryExercise>
  spelling: Map<string, LibraryExercise>
  appNames: Map<string, LibraryExercise>
}

function put (map: Map<string, LibraryExercise>, key: string, entry: LibraryExercise, what: string): void {
  const there = map.get(key)
  if (there !== undefined && there.id !== entry.id) {
    throw new Error(`${what} "${key}" names both ${there.name} and ${entry.name}`)
  }
  map.set(key, entry)
}

const namesOf = (e: LibraryExercise): string[] => [e.name, ...e.aliases]

export function buildLibraryIndex (library: LibraryExercise[], appNames = APP_NAMES): LibraryIndex {
  const index: LibraryIndex = { byId: new Map(), exact: new Map(), spelling: new Map(), appNames: new Map() }
  for (const e of library) {
    index.byId.set(e.id, e)
    for (const name of namesOf(e)) {
      put(index.exact, exerciseKey(name), e, 'library name')
      put(index.spelling, canonicalKey(canonicalWords(name)), e, 'library spelling')
    }
  }
  for (const group of appNames) {
    const e = index.byId.get(group.id)
    if (e === undefined || e.name !== group.name) throw new Error(`app-names: ${group.id} is not ${group.name}`)
    for (const name of group.names) put(index.appNames, canonicalKey(canonicalWords(name)), e, 'app name')
  }
  return index
}

type FileEntry = Omit<LibraryExercise, 'aliases'> & { aliases?: string[] }
const fromFile = (): LibraryExercise[] => (libraryFile as FileEntry[])
  .map((e) => ({ id: e.id, name: e.name, tracking: e.tracking, equipment: e.equipment, aliases: e.aliases ?? [] }))

let shared: LibraryIndex | undefined

/** The index of the shipped library (exercises.json, whose ids are fixed forever), built on first use. */
export function libraryIndex (): LibraryIndex {
  shared ??= buildLibraryIndex(fromFile())
  return shared
}
