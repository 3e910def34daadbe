import type { DistanceUnit, WeightUnit } from '../import.types.js'

/**
 * Units as exports spell them (`kg`, `kgs`, `lbs`, `mi.`, `km`, `Weight (lbs)`, `distance_miles`)
 * and their conversion to the SI values Spotter keeps: 1 lb = 0.45359237 kg, 1 mi = 1609.344 m.
 */

export const KG_PER_LB = 0.45359237
export const M_PER_MI = 1609.344

/** Distances also come in metres (Strong's `Distance (meters)`), feet and yards (FitNotes). */
export type LengthUnit = DistanceUnit | 'm' | 'ft' | 'yd'

const M_PER: Record<LengthUnit, number> = { km: 1000, mi: M_PER_MI, m: 1, ft: 0.3048, yd: 0.9144 }

export const toKg = (value: number | null, unit: WeightUnit): number | null =>
  value === null ? null : unit === 'lb' ? value * KG_PER_LB : value

export const toMeters = (value: number | null, unit: LengthUnit): number | null =>
  value === null ? null : value * M_PER[unit]

/** `kg`, `kgs`, `kilograms`, `lb`, `lbs`, `pounds` (any case, a trailing dot aside). */
export function weightUnitOf (text: string): WeightUnit | undefined {
  const word = text.trim().toLowerCase().replace(/\.$/, '')
  if (/^(kg|kgs|kilo|kilos|kilogram|kilograms|кг|公斤|千克)$/u.test(word)) return 'kg'
  if (/^(lb|lbs|pound|pounds|фунт|фунтов|磅)$/u.test(word)) return 'lb'
  return undefined
}

/** `km`, `kilometers`, `mi`, `mi.`, `miles`, `m`, `meters`, `ft`, `yd`. */
export function lengthUnitOf (text: string): LengthUnit | undefined {
  const word = text.trim().toLowerCase().replace(/\.$/, '')
  if (/^(km|kms|kilometer|kilometers|kilometre|kilometres|км|公里)$/u.test(word)) return 'km'
  if (/^(mi|mile|miles|миль|英里)$/u.test(word)) return 'mi'
  if (/^(m|meter|meters|metre|metres|м|米)$/u.test(word)) return 'm'
  if (/^(ft|feet|foot)$/.test(word)) return 'ft'
  if (/^(yd|yds|yard|yards)$/.test(word)) return 'yd'
  return undefined
}

/** The unit a header names in parentheses or as a suffix: `Weight (lbs)`, `weight_kg`, `kg`. */
export function weightUnitInHeader (header: string): WeightUnit | undefined {
  const named = /\(([^)]*)\)/.exec(header)?.[1] ?? header.split('_').at(-1) ?? header
  return weightUnitOf(named)
}

export function lengthUnitInHeader (header: string): LengthUnit | undefined {
  const named = /\(([^)]*)\)/.exec(header)?.[1] ?? header.split('_').at(-1) ?? header
  return lengthUnitOf(named)
}

/** The km/mi preference a length unit implies for the import (metres, feet … count as their system). */
export const distanceUnitOf = (unit: LengthUnit): DistanceUnit =>
  (unit === 'mi' || unit === 'ft' || unit === 'yd' ? 'mi' : 'km')

export const oddDistanceUnit = (unit: string): string =>
  `distance unit ${JSON.stringify(unit)} is not a distance unit: the distance is left out`
