import type { RspConfigInput } from './config-schema.js'

/**
 * The datashares-by-domain layout as a config fragment (`rsp init`'s "domains" choice; the demo
 * reuses it): three consumer workloads and three shares.
 *
 * - `core` → every consumer: the conformed dimensions dim_date, dim_airport, dim_aircraft,
 *   dim_flight and the v_route_performance view.
 * - `sales_domain` → sales: dim_customer (PII masked by `security.masking`), fact_bookings,
 *   fact_daily_revenue and the v_customer_360 view (which reads no PII).
 * - `operations_domain` → operations: fact_flight_operations.
 *
 * Every share also carries `rsp_meta.freshness_marker` (added by `datashareSpecs`). The raw
 * staging tables (`staging.bookings_raw`, `staging.flight_operations_raw`) stay on the
 * producer: they are the ETL's landing area (untyped text, the original record in `payload`),
 * not something consumers should build on. The domain shares are not named `sales` and
 * `operations` because the local target makes a role of each share and of each consumer in one
 * database, and the consumers are named so. Row-level security is off: v_route_performance
 * aggregates over every airport on the producer, so an airport row filter would be read around
 * (the config validation refuses that combination); masking stays on.
 */
export const DOMAIN_LAYOUT = deepFreeze({
  consumers: {
    mode: 'workload',
    workloads: [
      { name: 'analytics', baseCapacity: 32, maxCapacity: 128, hoursPerDay: 8 },
      { name: 'sales', baseCapacity: 32, maxCapacity: 64, hoursPerDay: 8 },
      { name: 'operations', baseCapacity: 32, maxCapacity: 64, hoursPerDay: 8 },
    ],
  },
  datashares: [
    {
      name: 'core',
      objects: [
        'airline_dw.dim_date',
        'airline_dw.dim_airport',
        'airline_dw.dim_aircraft',
        'airline_dw.dim_flight',
        'airline_dw.v_route_performance',
      ],
      consumers: 'all',
      includeNew: false,
      publiclyAccessible: 'auto',
    },
    {
      name: 'sales_domain',
      objects: [
        'airline_dw.dim_customer',
        'airline_dw.fact_bookings',
        'airline_dw.fact_daily_revenue',
        'airline_dw.v_customer_360',
      ],
      consumers: ['sales'],
      includeNew: false,
      publiclyAccessible: 'auto',
    },
    {
      name: 'operations_domain',
      objects: ['airline_dw.fact_flight_operations'],
      consumers: ['operations'],
      includeNew: false,
      publiclyAccessible: 'auto',
    },
  ],
  security: { masking: true, rowLevelSecurity: false },
} as const satisfies Pick<RspConfigInput, 'consumers' | 'datashares' | 'security'>)

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item)
    Object.freeze(value)
  }
  return value
}
