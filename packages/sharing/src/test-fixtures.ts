// Shared test fixtures (excluded from the build): the seed's scenario and the PII scenario.
import { PGlite } from '@electric-sql/pglite'
import { airlineModel, renderPostgresDdl, type TableShape } from '@redshift-playground/schema'
import { Kysely } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import type { DatashareSpec } from './desired-state.js'

export const PRODUCER_NS = '13b8833d-17c6-4f16-8fe4-1a018f5ed00d'
export const CONSUMER_NS = [
  'a1b2c3d4-0001-4a5b-8c9d-0123456789ab',
  'a1b2c3d4-0002-4a5b-8c9d-0123456789ab',
  'a1b2c3d4-0003-4a5b-8c9d-0123456789ab',
] as const

/** The seed's scenario: one share of airline_dw, all tables, three identical consumers. */
export const seedScenario: DatashareSpec = {
  name: 'airline_share',
  producer: { namespace: PRODUCER_NS, database: 'dev' },
  objects: [{ schema: 'airline_dw', tables: 'all' }],
  consumers: CONSUMER_NS.map((namespace, i) => ({
    name: `consumer_${i + 1}`,
    namespace,
    database: `airline_shared_${i + 1}`,
  })),
}

/** PII: names, email, phone and birth date masked for every consumer; reporting sees one region. */
export const piiScenario: DatashareSpec = {
  name: 'airline_share',
  producer: { namespace: PRODUCER_NS, database: 'dev' },
  objects: [{ schema: 'airline_dw', tables: 'all', includeNew: true }],
  consumers: [
    {
      name: 'analytics',
      namespace: CONSUMER_NS[0],
      database: 'airline_analytics',
      withPermissions: true,
      readers: [{ role: 'bi_analysts' }],
    },
    {
      name: 'reporting',
      namespace: CONSUMER_NS[1],
      database: 'airline_reporting',
      withPermissions: true,
      publiclyAccessible: true,
      readers: [{ role: 'dashboards' }],
    },
  ],
  policies: {
    masking: [
      {
        name: 'mask_customer_pii',
        table: 'airline_dw.dim_customer',
        columns: ['first_name', 'last_name', 'email', 'phone', 'birth_date'],
      },
    ],
    rowLevelSecurity: [
      {
        name: 'airports_north_america',
        table: 'airline_dw.dim_airport',
        column: 'region',
        values: ['North America'],
        consumers: ['reporting'],
      },
    ],
  },
}

/**
 * PII for the Redshift target: the same masking, and the row filter for every consumer —
 * protection through a share is the same for all its consumers (published views).
 */
export const piiUniformScenario: DatashareSpec = {
  ...piiScenario,
  policies: {
    ...piiScenario.policies,
    rowLevelSecurity: [
      {
        ...piiScenario.policies!.rowLevelSecurity![0]!,
        consumers: ['analytics', 'reporting'],
      },
    ],
  },
}

/**
 * The airline model's tables with every sort key COMPOUND (what Redshift can share, R-DS-6):
 * the definitions tests pass to `defineDatashare`, whatever the model chooses.
 */
export const airlineDefs: readonly TableShape[] = Object.values(airlineModel.tables).map((t) =>
  t.sortKey.style === 'INTERLEAVED'
    ? { ...t, sortKey: { style: 'COMPOUND', columns: t.sortKey.columns } }
    : t,
)

export const airlineTables = () =>
  Object.values(airlineModel.tables)
    .filter((t) => t.schema === 'airline_dw')
    .map((t) => t.name)
    .sort()

/** A fresh PGlite with the airline schema created by the producer (the superuser). */
export async function airlineDatabase() {
  const pg = new PGlite()
  await pg.exec(renderPostgresDdl(airlineModel).script)
  // biome-ignore lint/suspicious/noExplicitAny: tests query catalogs and roles
  const db = new Kysely<any>({ dialect: new PGliteDialect(pg) })
  return { pg, db }
}
