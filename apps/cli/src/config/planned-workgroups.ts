import type { RspConfig } from './config-schema.js'

/** A deployed workgroup as the config describes it. */
export interface PlannedWorkgroup {
  readonly role: 'producer' | 'consumer'
  readonly name: string
  /** The config path of the component, for messages. */
  readonly field: string
  readonly baseRpu: number
  readonly maxRpu: number
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
    baseRpu: config.producer.baseRpu,
    maxRpu: config.producer.maxRpu,
    public: false,
    hoursPerDay: config.producer.hoursPerDay,
  }
  const consumers: PlannedWorkgroup[] =
    mode === 'workload'
      ? config.consumers.workloads.map((w, i) => ({
          role: 'consumer',
          name: `${config.project}-${w.name}`,
          field: `consumers.workloads[${i}]`,
          baseRpu: w.baseRpu,
          maxRpu: w.maxRpu,
          public: w.public,
          hoursPerDay: w.hoursPerDay,
        }))
      : Array.from({ length: config.consumers.pool.count }, (_, i) => ({
          role: 'consumer',
          name: `${config.project}-consumer-${i + 1}`,
          field: 'consumers.pool',
          baseRpu: config.consumers.pool.baseRpu,
          maxRpu: config.consumers.pool.maxRpu,
          public: config.consumers.pool.public,
          hoursPerDay: config.consumers.pool.hoursPerDay,
        }))
  return [producer, ...consumers]
}
