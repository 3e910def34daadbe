/**
 * Durations as exports write them: `1h 5m`, `45m`, `38min`, `55s`, `48h 40m`, plain seconds
 * (`1267`), clock forms (`0:09:21`), and localised digit+unit forms (`1小时13分钟`, `1 Std. 5 Min.`,
 * `1ч 5мин`). Units are recognised by a word list and, failing that, by their first letter, so
 * unlisted languages that abbreviate like English still read.
 */

type Unit = 'h' | 'm' | 's'

const UNIT_WORDS: Record<Unit, string[]> = {
  h: [
    'h', 'hr', 'hrs', 'hour', 'hours', 'std', 'stunde', 'stunden', 'heure', 'heures', 'hora', 'horas', 'ora', 'ore',
    'u', 'uur', 'godz', 'godzina', 'godziny', 't', 'tim', 'timer', 'time', 'tuntia', 'saat', 'óra', 'hod',
    'ч', 'час', 'часа', 'часов', 'год', '小时', '小時', '時間', '时', '時', '시간', 'ชั่วโมง', 'giờ', 'jam'
  ],
  m: [
    'm', 'min', 'mins', 'minute', 'minutes', 'minuto', 'minutos', 'minuti', 'minuten', 'minuut', 'minut', 'minuter',
    'minutter', 'minuuttia', 'dk', 'dakika', 'perc', 'мин', 'м', 'минут', 'минуты', 'хв', '分钟', '分鐘', '分', '분',
    'นาที', 'phút', 'menit'
  ],
  s: [
    's', 'sec', 'secs', 'second', 'seconds', 'seg', 'segundo', 'segundos', 'secondi', 'seconde', 'secondes',
    'sek', 'sekunde', 'sekunden', 'sekund', 'sekunder', 'sn', 'saniye', 'mp', 'сек', 'с', 'секунд', '秒', '초',
    'วินาที', 'giây', 'detik'
  ]
}

const UNIT_BY_WORD = new Map<string, Unit>(
  (Object.entries(UNIT_WORDS) as Array<[Unit, string[]]>).flatMap(([unit, words]) => words.map((w) => [w, unit]))
)
const SECONDS: Record<Unit, number> = { h: 3600, m: 60, s: 1 }
const TOKEN = /\s*(\d+(?:[.,]\d+)?)\s*([\p{L}]*)\.?\s*/uy
const CLOCK = /^(\d+):([0-5]?\d)(?::([0-5]?\d))?$/
const PLAIN = /^\d+(?:\.\d+)?$/

function unitOf (word: string): Unit | undefined {
  const lower = word.toLowerCase()
  const listed = UNIT_BY_WORD.get(lower)
  if (listed !== undefined) return listed
  if (/^(h|ч|時|时)/u.test(lower)) return 'h'
  if (/^(s|с|秒)/u.test(lower)) return 's'
  if (/^(m|м|分)/u.test(lower) && !lower.startsWith('ms')) return 'm'
  return undefined
}

/** `H:MM:SS` (FitNotes' Time) or `M:SS`. */
function clockSeconds (text: string): number | undefined {
  const match = CLOCK.exec(text)
  if (match === null) return undefined
  const [, first, second, third] = match
  return third === undefined
    ? Number(first) * 60 + Number(second)
    : Number(first) * 3600 + Number(second) * 60 + Number(third)
}

/** Number + unit tokens, each unit at most once; undefined when any part is not such a token. */
function unitSeconds (text: string): number | undefined {
  TOKEN.lastIndex = 0
  let total = 0
  const seen = new Set<Unit>()
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex
    const match = TOKEN.exec(text)
    if (match === null || TOKEN.lastIndex === start) return undefined
    const unit = unitOf(match[2])
    if (unit === undefined || seen.has(unit)) return undefined
    seen.add(unit)
    total += Number(match[1].replace(',', '.')) * SECONDS[unit]
  }
  return seen.size > 0 ? total : undefined
}

/**
 * Seconds, or null for an empty cell; undefined when the text is not a duration.
 */
export function parseDuration (text: string | undefined): number | null | undefined {
  const trimmed = (text ?? '').trim()
  if (trimmed === '') return null
  if (PLAIN.test(trimmed)) return Number(trimmed)
  return clockSeconds(trimmed) ?? unitSeconds(trimmed)
}
