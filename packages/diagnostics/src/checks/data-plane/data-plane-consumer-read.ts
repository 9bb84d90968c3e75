import { sql } from 'kysely'
import type { Check, EvidenceValue, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import type { ExpectedConsumer } from './data-plane-input.js'
import {
  type DataPlane,
  type Db,
  dataPlaneInputs,
  message,
  type Share,
  type SharedObject,
  sessions,
  shareRemedy,
  shareResource,
  tableRef,
} from './data-plane-support.js'

/**
 * Each consumer reads exactly its shares' objects: a row from every object of each of its
 * datashares (one finding per share × consumer), and — with several shares — a refusal for
 * every object of a share it is not a consumer of (the entitlement of domain sharing).
 */
export const consumerReadCheck: Check = defineCheck({
  id: 'data-plane/consumer-read',
  title: 'Each consumer reads exactly its shares’ objects',
  group: 'data-plane',
  inputs: dataPlaneInputs,
  async run(dp) {
    const out: Finding[] = []
    const seen = new Map<string, Db>()
    for (const share of dp.shares)
      for (const { consumer: c, db } of sessions(dp, share, out)) {
        seen.set(c.name, db)
        out.push(await readShare(dp, share, c, db))
      }
    for (const [name, db] of seen) out.push(...(await refusals(dp, name, db)))
    return out
  },
})

async function readShare(
  dp: DataPlane,
  share: Share,
  c: ExpectedConsumer,
  db: Db,
): Promise<Finding> {
  const failed: { table: string; error: string }[] = []
  for (const o of share.objects) {
    try {
      // `select 1` needs SELECT on the table or on any column: masked PII tables are
      // shared with column grants only, and that still counts as readable.
      await sql`select 1 as one from ${tableRef(dp, o, c)} limit 1`.execute(db)
    } catch (e) {
      failed.push({ table: o.qualified, error: message(e) })
    }
  }
  const ev = { consumer: c.name, datashare: share.name, tables: share.objects.length, failed }
  return failed.length > 0
    ? findings.fail(
        `consumer ${c.name} cannot read ${failed.map((f) => f.table).join(', ')} of datashare ${share.name}: ${failed[0]?.error}`,
        ev,
        shareRemedy(share, c.name),
        shareResource(share, c),
      )
    : findings.ok(
        `consumer ${c.name} reads all ${share.objects.length} object(s) of datashare ${share.name}`,
        ev,
        shareResource(share, c),
      )
}

/** The shares `name` is not a consumer of must be refused to it (objects it has through its own shares excepted). */
async function refusals(dp: DataPlane, name: string, db: Db): Promise<Finding[]> {
  const own = dp.shares.filter((s) => s.consumers.some((c) => c.name === name))
  const entitled = new Set(own.flatMap((s) => s.objects.map((o) => o.qualified)))
  const foreign = dp.shares.filter((s) => !own.includes(s))
  if (foreign.length === 0) return []
  const inbound =
    dp.target === 'redshift'
      ? new Set(
          (
            await sql<{ share_name: string }>`
              select share_name from svv_datashares where share_type = 'INBOUND'`.execute(db)
          ).rows.map((r) => r.share_name.trim()),
        )
      : new Set<string>()
  const out: Finding[] = []
  for (const share of foreign) {
    const objects = share.objects.filter((o) => !entitled.has(o.qualified))
    const readable: string[] = []
    const refused: { [table: string]: EvidenceValue } = {}
    for (const o of objects) {
      const error = await refusal(dp, share, o, db)
      if (error === undefined) readable.push(o.qualified)
      else refused[o.qualified] = error
    }
    const granted = inbound.has(share.name)
    const ev = { consumer: name, datashare: share.name, granted, readable, refused }
    const resource = `${share.name}/${name}`
    if (granted || readable.length > 0)
      out.push(
        findings.fail(
          granted
            ? `consumer ${name} is granted datashare ${share.name}, which it is not a consumer of`
            : `consumer ${name} can read ${readable.join(', ')} of datashare ${share.name}, which it is not a consumer of`,
          ev,
          dp.target === 'redshift'
            ? `On the producer: REVOKE USAGE ON DATASHARE ${share.name} FROM NAMESPACE '<consumer guid>'; or add ${name} to the share's consumers in the config ("rsp share" applies it).`
            : `Revoke the grants: REVOKE SELECT ON ${readable.join(', ')} FROM ${name}; or add ${name} to the share's consumers ("rsp share" applies it).`,
          resource,
        ),
      )
    else
      out.push(
        findings.ok(
          `consumer ${name} is refused the ${objects.length} object(s) of datashare ${share.name}, which it is not a consumer of`,
          ev,
          resource,
        ),
      )
  }
  return out
}

/**
 * Reads `o` as a consumer of another share would, returning the refusal (undefined when it
 * reads). Redshift: through each database the share's consumers mount it as (R-DS-13) — none
 * of them should exist on this consumer; locally: the object itself, as the consumer's role.
 */
async function refusal(
  dp: DataPlane,
  share: Share,
  o: SharedObject,
  db: Db,
): Promise<string | undefined> {
  const databases =
    dp.target === 'redshift'
      ? [...new Set(share.consumers.map((c) => c.database).filter((d) => d !== undefined))]
      : [undefined]
  let refused = 'no database of the share to read it through'
  for (const database of databases) {
    try {
      const via = database === undefined ? undefined : { name: '', database }
      await sql`select 1 as one from ${tableRef(dp, o, via)} limit 1`.execute(db)
      return undefined
    } catch (e) {
      refused = message(e)
    }
  }
  return refused
}
