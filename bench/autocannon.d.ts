// autocannon@9 ships no types: just the part of its programmatic API the benchmark uses.
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string
      path?: string
      headers?: Record<string, string>
      body?: string
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request | null | undefined
    }
    interface Options {
      url: string
      connections?: number
      /** Seconds. */
      duration?: number
      /** Seconds to wait for one response before counting a timeout. */
      timeout?: number
      method?: string
      headers?: Record<string, string>
      body?: string
      requests?: Request[]
      title?: string
    }
    /** hdr-histogram-percentiles-obj: latency values in ms, request counts per second. */
    interface Histogram {
      average: number
      mean: number
      stddev: number
      min: number
      max: number
      total: number
      p2_5: number
      p50: number
      p75: number
      p90: number
      p97_5: number
      p99: number
      p99_9: number
    }
    interface Result {
      title?: string
      url: string
      /** Seconds. */
      duration: number
      errors: number
      timeouts: number
      non2xx: number
      '2xx': number
      latency: Histogram
      requests: Histogram & { sent: number }
      throughput: Histogram
      statusCodeStats: Record<string, { count: number }>
    }
  }
  function autocannon (options: autocannon.Options): Promise<autocannon.Result>
  export default autocannon
}
