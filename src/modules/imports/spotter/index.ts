/** Spotter's own export read back (POST /imports?source=spotter): the parser and the commit's extra writes. */
export { parseSpotterDocument } from './spotter.parse.js'
export { writeSpotterExtras, type SpotterExtras } from './spotter.extras.js'
export type { SpotterSet, SpotterWorkout } from './spotter.types.js'
