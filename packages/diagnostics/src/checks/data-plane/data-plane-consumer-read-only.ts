import { sql } from 'kysely'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import {
  dataPlaneInputs,
  message,
  sessions,
  shareResource,
  tableRef,
} from './data-plane-support.js'

// What a refused write looks like on PostgreSQL (SQLSTATE 42501) and Redshift (datashare objects are read-only).
const REFUSED =
  /permission denied|insufficient privilege|not authorized|read[- ]only|not supported|cannot (?:insert|delete|write|modify)|42501/i

class Rollback extends Error {}

/**
 * A consumer cannot write to the shared objects (probed with zero-row writes in a transaction
 * that is always rolled back). One finding per share × consumer.
 */
export const consumerReadOnlyCheck: Check = defineCheck({
  id: 'data-plane/consumer-read-only',
  title: 'Consumers cannot write to shared tables',
  group: 'data-plane',
  inputs: dataPlaneInputs,
  async run(dp) {
    const out: Finding[] = []
    for (const share of dp.shares)
      for (const { consumer: c, db } of sessions(dp, share, out)) {
        const writable: string[] = []
        const unclear: { table: string; error: string }[] = []
        for (const o of share.objects) {
          const t = o.qualified
          const ref = tableRef(dp, o, c)
          // Privileges are checked before any row is touched, and the transaction is rolled
          // back whatever happens. On Redshift the INSERT selects zero rows, so even a wrongly
          // granted write changes nothing should the rollback not happen. Locally (where the
          // rollback is certain) INSERT uses DEFAULT VALUES, because INSERT … SELECT * would be
          // refused for lack of SELECT on masked columns and hide an INSERT grant.
          const probes = [
            {
              verb: 'INSERT',
              query:
                dp.target === 'postgres'
                  ? sql`insert into ${ref} default values`
                  : sql`insert into ${ref} select * from ${ref} where 1 = 0`,
            },
            { verb: 'DELETE', query: sql`delete from ${ref} where 1 = 0` },
          ]
          for (const { verb, query } of probes) {
            try {
              await db.transaction().execute(async (trx) => {
                await query.execute(trx)
                throw new Rollback()
              })
            } catch (e) {
              const code = String((e as { code?: unknown }).code ?? '')
              // Success, or a constraint violation (SQLSTATE class 23: the privilege check passed).
              if (e instanceof Rollback || code.startsWith('23')) writable.push(`${t} (${verb})`)
              else if (!REFUSED.test(message(e)) && !REFUSED.test(code))
                unclear.push({ table: t, error: message(e) })
            }
          }
        }
        const ev = { consumer: c.name, datashare: share.name, writable, unclear }
        const resource = shareResource(share, c)
        if (writable.length > 0)
          out.push(
            findings.fail(
              `consumer ${c.name} can write to ${writable.join(', ')} of datashare ${share.name}`,
              ev,
              `Consumers must be read-only: revoke the write privileges (REVOKE INSERT, UPDATE, DELETE ON ... FROM ${c.role ?? c.name}; on Redshift remove write permissions on the datashare) and re-run "rsp share".`,
              resource,
            ),
          )
        else if (unclear.length > 0)
          out.push(
            findings.warn(
              `consumer ${c.name}: write probes on datashare ${share.name} failed for another reason than a refusal (${unclear[0]?.error})`,
              ev,
              'Check the error: the table may be missing (see data-plane/datashare); read-only access could not be confirmed.',
              resource,
            ),
          )
        else
          out.push(
            findings.ok(
              `consumer ${c.name} is refused writes on all ${share.objects.length} object(s) of datashare ${share.name}`,
              ev,
              resource,
            ),
          )
      }
    return out
  },
})
