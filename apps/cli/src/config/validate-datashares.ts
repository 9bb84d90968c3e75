import { isReservedWord, POSTGRES_MAX_IDENTIFIER_BYTES } from '@redshift-playground/schema'
import type { ConfigIssue } from '../errors/cli-errors.js'
import {
  type ConfigShare,
  configDatashares,
  modelRelations,
  shareMembers,
  sharesRelation,
} from './config-datashares.js'
import type { RspConfig } from './config-schema.js'

type AddIssue = (field: string, value: unknown, message: string, fix: string) => void

const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

/**
 * The tables `security.*` protects, with the policy that protects them: masking hides
 * dim_customer's PII, row-level security filters dim_airport. A share holding one of them
 * carries that policy.
 */
export function protectedTables(config: RspConfig): ProtectedTable[] {
  return [
    ...(config.security.masking
      ? [
          {
            schema: 'airline_dw',
            table: 'dim_customer',
            by: 'security.masking',
            columns: PII_COLUMNS,
          },
        ]
      : []),
    ...(config.security.rowLevelSecurity
      ? [{ schema: 'airline_dw', table: 'dim_airport', by: 'security.rowLevelSecurity' }]
      : []),
  ]
}

/** A table `security.*` protects: masked columns, or (no `columns`) filtered rows. */
export interface ProtectedTable {
  readonly schema: string
  readonly table: string
  readonly by: string
  /** The masked columns; absent when every row read is filtered (row-level security). */
  readonly columns?: readonly string[]
}

/** PII columns of dim_customer masked for consumers when `security.masking` is on. */
export const PII_COLUMNS: readonly string[] = Object.freeze([
  'first_name',
  'last_name',
  'email',
  'phone',
  'birth_date',
])

/**
 * The issue of a raw config that gives both `datashare` and `datashares`: one or the other.
 * The fix prints the exact rewrite of `datashare` as an entry of `datashares`.
 */
export function bothSharesIssue(input: unknown): ConfigIssue | undefined {
  if (input === null || typeof input !== 'object') return undefined
  const raw = input as { datashare?: unknown; datashares?: unknown }
  if (raw.datashare === undefined || raw.datashares === undefined) return undefined
  const d =
    raw.datashare !== null && typeof raw.datashare === 'object'
      ? (raw.datashare as Record<string, unknown>)
      : {}
  const entry = {
    name: d.name ?? 'airline_share',
    objects: d.objects ?? ['airline_dw'],
    consumers: 'all',
    includeNew: d.includeNew ?? true,
    publiclyAccessible: d.publiclyAccessible ?? 'auto',
  }
  return {
    field: 'datashare',
    value: raw.datashare,
    message:
      'both "datashare" (one share to every consumer) and "datashares" (shares by domain) are given; rsp would not know which to apply',
    fix: `remove "datashare" and add its share to "datashares" as ${JSON.stringify(entry)} (consumer databases are then named <share>_<consumer> instead of airline_<consumer>), or remove "datashares"`,
  }
}

/** Every datashare rule across fields: objects, consumers, names, databases, policies. */
export function datashareIssues(config: RspConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  const add: AddIssue = (field, value, message, fix) => issues.push({ field, value, message, fix })
  const shares = configDatashares(config)
  for (const share of shares) {
    checkObjects(share, add)
    checkPublicAccess(share, add)
    checkViewReads(config, share, add)
  }
  if (config.datashares !== undefined) {
    checkShareConsumers(config, add)
    checkNames(config, shares, add)
    checkProtectedOverlap(config, shares, add)
  }
  return issues
}

/** A public consumer of a share that is not publicly accessible would be refused (R-DS-18). */
function checkPublicAccess(share: ConfigShare, add: AddIssue): void {
  const pub = share.consumers.find((c) => c.public)
  if (pub !== undefined && share.publiclyAccessible === false)
    add(
      `${share.field}.publiclyAccessible`,
      false,
      `consumer ${pub.workgroup} is publicly accessible and would fail with "Publicly accessible consumer cannot access object in the database"`,
      'use "auto" or true, or make the consumer private',
    )
}

/** Each object is a schema, table or view of the airline model, listed once. */
function checkObjects(share: ConfigShare, add: AddIssue): void {
  const { schemas, relations } = modelRelations()
  const seen = new Set<string>()
  share.objects.forEach((object, i) => {
    const field = `${share.field}.objects[${i}]`
    if (seen.has(object)) add(field, object, 'listed twice', 'list each object once')
    seen.add(object)
    if (object.includes('.')) {
      if (!relations.has(object))
        add(
          field,
          object,
          'no such table or view in the airline model',
          `use one of ${[...relations.keys()].join(', ')}`,
        )
      else if (share.objects.includes(object.split('.')[0] ?? ''))
        add(
          field,
          object,
          'this table is already shared with its whole schema',
          'remove the table or the schema entry',
        )
    } else if (!schemas.has(object)) {
      add(
        field,
        object,
        'no such schema in the airline model',
        `use one of ${[...schemas].join(', ')}`,
      )
    }
  })
}

/**
 * A shared view runs on the producer over its base tables, past their policies: a view that
 * reads masked columns, or any row of a row-filtered table, would show consumers what the
 * policy hides. Such a view cannot be shared while the policy is on.
 */
function checkViewReads(config: RspConfig, share: ConfigShare, add: AddIssue): void {
  const { relations } = modelRelations()
  const guarded = protectedTables(config)
  share.objects.forEach((object, i) => {
    const view = relations.get(object)
    if (view?.kind !== 'view') return
    for (const read of view.reads) {
      const p = guarded.find((t) => t.schema === read.schema && t.table === read.table)
      if (p === undefined) continue
      const masked = p.columns?.filter((c) => read.columns.includes(c))
      if (masked !== undefined && masked.length === 0) continue
      add(
        `${share.field}.objects[${i}]`,
        object,
        masked
          ? `the view reads ${p.schema}.${p.table}'s masked columns ${masked.join(', ')} on the producer, so consumers would see them unmasked (${p.by})`
          : `the view reads every row of ${p.schema}.${p.table} on the producer, so consumers would see rows that ${p.by} filters out`,
        `remove the view from the share, or set ${p.by} to false`,
      )
    }
  })
}

/**
 * Who receives each share: in pool mode every share goes to every member ("all"); in workload
 * mode the names are workloads, each listed once; and every consumer is in some share.
 */
function checkShareConsumers(config: RspConfig, add: AddIssue): void {
  const datashares = config.datashares ?? []
  const members = shareMembers(config)
  const known = members.map((m) => m.configName)
  datashares.forEach((d, i) => {
    if (d.consumers === 'all') return
    const field = `datashares[${i}].consumers`
    if (config.consumers.mode === 'pool') {
      add(
        field,
        d.consumers,
        'pool mode deploys identical consumers behind one endpoint (the load balancer sends each connection to any member), so every member must hold the same datashares',
        'set "consumers": "all", or use consumers.mode "workload" to give consumers different shares',
      )
      return
    }
    d.consumers.forEach((name, j) => {
      if (d.consumers.indexOf(name) !== j)
        add(`${field}[${j}]`, name, 'listed twice', 'list each consumer once')
      else if (!known.includes(name))
        add(
          `${field}[${j}]`,
          name,
          'not a consumer workload of this config',
          `use one of ${known.join(', ') || '(no workloads)'} (consumers.workloads[].name), or "all"`,
        )
    })
  })
  if (config.consumers.mode !== 'workload') return
  config.consumers.workloads.forEach((w, k) => {
    const inShare = datashares.some((d) => d.consumers === 'all' || d.consumers.includes(w.name))
    if (!inShare)
      add(
        `consumers.workloads[${k}].name`,
        w.name,
        'in no datashare, so this consumer would have nothing to read',
        `add "${w.name}" to the consumers of a share in "datashares" (or set a share's consumers to "all"), or remove the consumer`,
      )
  })
}

/**
 * Names: shares unique and no reserved word; on the local target shares and consumers are
 * roles of one database and consumer databases are schemas of it, so a share may not be named
 * like a consumer, and each database `<share>_<consumer>` is at most 63 bytes, unique, and
 * not a schema of the model.
 */
function checkNames(config: RspConfig, shares: readonly ConfigShare[], add: AddIssue): void {
  const members = shareMembers(config)
  const byName = new Map<string, string>()
  shares.forEach((share) => {
    const field = `${share.field}.name`
    const other = byName.get(share.name)
    if (other !== undefined)
      add(field, share.name, `${other} has the same name`, 'give every datashare a different name')
    else byName.set(share.name, share.field)
    if (isReservedWord(share.name))
      add(field, share.name, 'a reserved word in Redshift', 'pick another name, like "core"')
    const consumer = members.find((m) => m.name === share.name)
    if (consumer !== undefined)
      add(
        field,
        share.name,
        `consumer ${consumer.configName} has the same name, and on the local target the share and each consumer are roles of one database`,
        `rename the share, like "${share.name}_domain"`,
      )
  })
  checkDatabases(shares, add)
}

function checkDatabases(shares: readonly ConfigShare[], add: AddIssue): void {
  const { schemas } = modelRelations()
  const databases = new Map<string, string>()
  // A share named twice is reported once, by its name, not again by its databases.
  const once = shares.filter((s, i) => shares.findIndex((o) => o.name === s.name) === i)
  for (const share of once)
    for (const c of share.consumers) {
      const field = `${share.field}.name`
      const what = `the database of consumer ${c.configName} from this share, ${c.database},`
      if (bytes(c.database) > POSTGRES_MAX_IDENTIFIER_BYTES)
        add(
          field,
          share.name,
          `${what} is ${bytes(c.database)} bytes; the local target (PostgreSQL) allows ${POSTGRES_MAX_IDENTIFIER_BYTES}`,
          `shorten the share name to at most ${POSTGRES_MAX_IDENTIFIER_BYTES - bytes(c.name) - 1} characters, or the consumer name`,
        )
      const other = databases.get(c.database)
      if (other !== undefined)
        add(
          field,
          share.name,
          `${what} is also the database of ${other}`,
          'rename the share or the consumer so that every <share>_<consumer> differs',
        )
      else databases.set(c.database, `consumer ${c.configName} from ${share.name}`)
      if (schemas.has(c.database))
        add(
          field,
          share.name,
          `${what} is a schema of the producer; on the local target consumer databases are schemas of the same database`,
          'rename the share or the consumer',
        )
    }
}

/**
 * A protected table reaches a consumer through one share only: the local target keeps one
 * masking view and one row-level security policy per table and consumer.
 */
function checkProtectedOverlap(
  config: RspConfig,
  shares: readonly ConfigShare[],
  add: AddIssue,
): void {
  for (const t of protectedTables(config)) {
    const holding = shares.filter((s) => sharesRelation(s.objects, t.schema, t.table))
    const firstFor = new Map<string, ConfigShare>()
    for (const share of holding)
      for (const c of share.consumers) {
        const first = firstFor.get(c.name)
        if (first === undefined) firstFor.set(c.name, share)
        else
          add(
            `${share.field}.objects`,
            share.objects,
            `${t.schema}.${t.table} (protected by ${t.by}) would reach consumer ${c.configName} through ${first.name} and ${share.name}`,
            `share ${t.schema}.${t.table} with ${c.configName} in one datashare only`,
          )
      }
  }
}
