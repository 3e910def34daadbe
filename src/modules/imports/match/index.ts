/**
 * Matching other apps' exercise names to Spotter exercises (shared/API.md, Import and export):
 * `exerciseKey` is the contract's rule (case, accents, punctuation and word order aside),
 * `matchLibrary` the pure library matcher, `matchExercises` adds the caller's custom exercises,
 * and `inferTracking` / `fitSet` / `setsFit` decide what the sets of a name become.
 */
export { exerciseKey } from './key.js'
export { matchLibrary, findInLibrary, type LibraryMatch, type LibraryRule, type LibraryFind } from './library-match.js'
export { matchExercises, type ExerciseHit } from './exercise-match.js'
export { inferTracking, fitSet, setsFit, type FittedSet, type SetField } from './tracking-fit.js'
