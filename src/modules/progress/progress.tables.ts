export interface ProgressLogsTable {
  id: string
  user_id: string
  metric: string
  value: number
  unit: string
  measured_at: string
  note: string | null
  created_at: string
  updated_at: string
}

/** One row per custom metric a user has logs of: fixes its unit (set by its first log). */
export interface CustomMetricsTable {
  user_id: string
  metric: string
  unit: string
  created_at: string
}

export interface ProgressTables {
  progress_logs: ProgressLogsTable
  custom_metrics: CustomMetricsTable
}
