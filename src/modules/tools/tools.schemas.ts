import Type from 'typebox'
import { Nullable } from '../../lib/schemas.js'
import { E1RM_MAX_REPS, RPE_MAX, RPE_MIN } from './e1rm.js'
import { PLATE_MAX_PAIRS, PLATE_MAX_SIZES } from './plates.js'
import { WARMUP_BAR_REPS, WARMUP_HEAVY_MAX_REPS } from './warmup.js'

const Kg = (description: string, extra = {}) => Type.Number({ minimum: 0, maximum: 1000, description, ...extra })
const BarKg = Type.Number({ minimum: 0, maximum: 100, default: 20, description: 'The bar\'s own weight (0 for none)' })

export const PlatesQuery = Type.Object({
  weightKg: Kg('The total to load, bar included'),
  barKg: BarKg,
  plates: Type.String({
    minLength: 1,
    maxLength: 400,
    default: '25,20,15,10,5,2.5,1.25',
    description: 'Plate sizes on hand in kg, comma-separated, each once (0.01–100 kg, at most 2 decimals, at most ' +
      `${PLATE_MAX_SIZES} sizes); \`size*count\` limits a size to count pairs (1–${PLATE_MAX_PAIRS}), e.g. \`25*2\``
  })
})
export const PlateLoadSchema = Type.Object({
  targetKg: Type.Number(),
  barKg: Type.Number(),
  perSide: Type.Array(Type.Object({ plateKg: Type.Number(), count: Type.Integer({ minimum: 1 }) }), {
    description: 'The plates for ONE side, heaviest first'
  }),
  achievedKg: Type.Number({
    description: 'barKg + 2 × the plates of one side: the heaviest load not above the target'
  }),
  differenceKg: Type.Number({ description: 'targetKg − achievedKg (0 when the plates make the target exactly)' })
}, { $id: 'PlateLoad' })

export const WarmupQuery = Type.Object({
  workingWeightKg: Kg('The working sets\' weight'),
  workingReps: Type.Integer({
    minimum: 1,
    maximum: 100,
    description: `The working sets' reps; the 90 % step is only for ${WARMUP_HEAVY_MAX_REPS} reps or fewer`
  }),
  barKg: BarKg,
  roundKg: Type.Number({
    minimum: 0.1,
    maximum: 50,
    default: 2.5,
    description: 'Warm-up weights are the bar plus a multiple of this, rounded down'
  })
})
export const WarmupSetSchema = Type.Object({
  weightKg: Type.Number(),
  reps: Type.Integer({ minimum: 1 })
}, { $id: 'WarmupSet' })
export const WarmupSchema = Type.Object({
  sets: Type.Array(WarmupSetSchema, {
    description: `Empty bar × ${WARMUP_BAR_REPS}, then about 40 % × 5, 60 % × 3, 80 % × 2 and 90 % × 1; lighter ` +
      'steps that round to the same weight, and any at or above the working weight, are left out'
  })
}, { $id: 'Warmup' })

export const E1rmQuery = Type.Object({
  weightKg: Kg('The weight lifted'),
  reps: Type.Integer({ minimum: 1, maximum: 1000, description: `Reps done; the estimates cover 1–${E1RM_MAX_REPS}` }),
  rpe: Type.Optional(Type.Number({
    minimum: 1,
    maximum: 10,
    multipleOf: 0.5,
    description: `RPE of the set; the RTS chart covers ${RPE_MIN}–${RPE_MAX}`
  }))
})
const Estimate = (description: string) => Nullable(Type.Number({ description }))
export const E1rmSchema = Type.Object({
  epley: Estimate(`w × (1 + reps / 30); the weight itself at 1 rep; null above ${E1RM_MAX_REPS} reps`),
  brzycki: Estimate(`w × 36 / (37 − reps); null above ${E1RM_MAX_REPS} reps`),
  rpeTable: Estimate('w ÷ the RTS chart\'s percentage for these reps at this RPE; null without rpe or off the chart')
}, { $id: 'E1rm' })

export type PlatesInput = Type.Static<typeof PlatesQuery>
export type WarmupInputQuery = Type.Static<typeof WarmupQuery>
export type E1rmInput = Type.Static<typeof E1rmQuery>
