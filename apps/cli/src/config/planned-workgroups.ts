import type { RspConfig } from './config-schema.js'

/** A deployed workgroup as the config describes it. */
export interface PlannedWorkgroup {
  readonly role: 'producer' | 'consumer'
  readonly name: string
  /** The config path of the component, for messages. */
  readonly field: string
  readonly baseCapacity: number
  readonly maxCapacity: number
  readonly public: boolean
  readonly hoursPerDay: number
}

/** The workgroups a config deploys: the producer, then the consumers of the selected mode. */
export function plannedWorkgroups(
  config: RspConfig,
  mode = config.consumers.mode,
): PlannedWorkgroup[] {
  const producer: PlannedWorkgroup = {
    role: 'producer',
    name: `${config.project}-producer`,
    field: 'producer',
    baseCapacity: config.producer.baseCapacity,
    maxCapacity: config.producer.maxCapacity,
    public: false,
    hoursPerDay: config.producer.hoursPerDay,
  }
  const consumers: PlannedWorkgroup[] =
    mode === 'workload'
      ? config.consumers.workloads.map((w, i) => ({
          role: 'consumer',
          name: `${config.project}-${w.name}`,
          field: `consumers.workloads[${i}]`,
          baseCapacity: w.baseCapacity,
          maxCapacity: w.maxCapacity,
          public: w.public,
          hoursPerDay: w.hoursPerDay,
        }))
      : Array.from({ length: config.consumers.pool.count }, (_, i) => ({
          role: 'consumer',
          name: `${config.project}-consumer-${i + 1}`,
          field: 'consumers.pool',
          baseCapacity: config.consumers.pool.baseCapacity,
          maxCapacity: config.consumers.pool.maxCapacity,
          public: config.consumers.pool.public,
          hoursPerDay: config.consumers.pool.hoursPerDay,
        }))
  return [producer, ...consumers]
}
