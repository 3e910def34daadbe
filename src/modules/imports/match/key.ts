import { words } from '../../../lib/search-text.js'

/**
 * The key an exercise name is grouped and compared by: its folded words (case, accents and
 * punctuation aside, src/lib/search-text.ts) in sorted order, so word order is aside too.
 * `Bench Press (Barbell)`, `barbell bench-press` and `Bénch Press, Barbell` share one key.
 * This is the contract's "matching rule" and nothing more: counts.exercises and the user's custom
 * exercises use it as is.
 */
export function exerciseKey (name: string): string {
  return sortedKey(words(name))
}

/*
 * The library matcher goes one step further and also irons out spelling: plurals, the apps'
 * abbreviations and compounds written as one word. Each entry names the same thing, never a
 * neighbouring movement, so two names that meet here are the same words spelled differently.
 */
const SPELLINGS = new Map<string, string[]>(Object.entries({
  db: ['dumbbell'],
  dumbell: ['dumbbell'],
  bb: ['barbell'],
  barbel: ['barbell'],
  kb: ['kettlebell'],
  pulley: ['cable'],
  bicep: ['biceps'],
  tricep: ['triceps'],
  flye: ['fly'],
  flie: ['fly'],
  calve: ['calf'],
  ezbar: ['ez', 'bar'],
  bodyweight: ['body', 'weight'],
  pullup: ['pull', 'up'],
  pushup: ['push', 'up'],
  chinup: ['chin', 'up'],
  situp: ['sit', 'up'],
  stepup: ['step', 'up'],
  muscleup: ['muscle', 'up'],
  pulldown: ['pull', 'down'],
  pushdown: ['push', 'down'],
  skullcrusher: ['skull', 'crusher'],
  and: []
}))

// "Presses", "crunches", "boxes" lose "es"; other words a plain "s" unless it belongs to the word.
function singular (word: string): string {
  if (!word.endsWith('s') || word.length < 3) return word
  if (word.endsWith('es') && /(ss|ch|sh|x)es$/.test(word)) return word.slice(0, -2)
  return /(ss|us|is)$/.test(word) ? word : word.slice(0, -1)
}

/** Words (from search-text's `words`) with spelling ironed out (see SPELLINGS), in their order. */
export function canonicalOf (list: string[]): string[] {
  return list.flatMap((w) => {
    const one = singular(w)
    return SPELLINGS.get(one) ?? SPELLINGS.get(w) ?? [one]
  })
}

/** A name's canonical words. */
export const canonicalWords = (name: string): string[] => canonicalOf(words(name))

/** Sorted words: the contract's key from a name's words, the library's from canonical ones. */
export const sortedKey = (list: string[]): string => [...list].sort().join(' ')
export const canonicalKey = sortedKey
