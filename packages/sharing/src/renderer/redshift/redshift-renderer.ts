import { validateIdentifier } from '@redshift-playground/schema/model'
import type { Consumer, Datashare, Reader, ShareSchema } from '../../desired-state.js'
import { DesiredStateError } from '../../errors.js'
import { refText } from '../../namespace-ref.js'
import type { Plan, PlanAction, Side, Statement } from '../../plan/plan-step.js'
import type { RenderContext, ShareRenderer } from '../share-renderer.js'
import { redshiftStep, renderRedshiftAction, viewQuery } from './redshift-actions.js'

export { rlsPredicate } from './redshift-actions.js'

/**
 * The Redshift target's own rules, before any statement: published names are identifiers
 * and distinct, policies apply to every consumer, no table has an INTERLEAVED sort key and no
 * view reads one.
 */
function validate(d: Datashare, kind: Plan['kind'] = 'apply'): void {
  const sources = new Set(d.schemas.map((s) => s.schema))
  const publications = new Map<string, number>()
  d.schemas.forEach((s, i) => {
    if (!s.published) return
    const field = `objects[${i}].publishAs`
    validateIdentifier(s.publishAs, field)
    const other = publications.get(s.publishAs)
    if (sources.has(s.publishAs) || other !== undefined)
      throw new DesiredStateError(
        'DUPLICATE',
        `${field}: ${JSON.stringify(s.publishAs)} is also ${other === undefined ? 'a shared schema' : `the publication schema of objects[${other}]`}; the views published for ${s.schema} need a schema of their own, so set objects[${i}].publishAs to another name.`,
        { field, value: s.publishAs },
      )
    publications.set(s.publishAs, i)
  })
  // What may be created: a teardown removes whatever exists.
  if (kind === 'teardown') return
  const everyone = d.consumers.map((c) => c.name)
  const uniform = (
    policies: readonly { name: string; consumers: readonly string[] }[],
    list: string,
  ) =>
    policies.forEach((p, i) => {
      const left = everyone.filter((c) => !p.consumers.includes(c))
      if (left.length === 0) return
      const field = `policies.${list}[${i}].consumers`
      throw new DesiredStateError(
        'POLICY_NOT_UNIFORM',
        `${field}: policy ${JSON.stringify(p.name)} applies to ${p.consumers.join(', ')} but not to ${left.join(', ')}. On Redshift, masking and row filters are applied on the producer, by the views the share publishes, and so are the same for every consumer of the share (consumers cannot attach policies to datashare objects, R-RLS-11). Make it apply to every consumer, or give those consumers a datashare of their own.`,
        { field, value: p.consumers },
      )
    })
  uniform(d.masking, 'masking')
  uniform(d.rowLevelSecurity, 'rowLevelSecurity')
  d.schemas.forEach(refuseInterleaved)
}

/** Refuses an entry sharing a table with an INTERLEAVED sort key, or a view reading one (R-DS-6). */
function refuseInterleaved(s: ShareSchema, i: number): void {
  const fieldOf = (name: string) => {
    const j = s.tables === 'all' ? -1 : s.tables.indexOf(name)
    return j < 0 ? `objects[${i}].tables` : `objects[${i}].tables[${j}]`
  }
  const table = s.interleaved[0]
  if (table !== undefined)
    throw new DesiredStateError(
      'NOT_SHAREABLE',
      `${fieldOf(table)}: table ${s.schema}.${table} has an INTERLEAVED sort key, and Redshift shares neither such tables nor views over them (R-DS-6). Use a COMPOUND sort key for it (in its table definition and on the producer), or leave it out of the share.`,
      { field: fieldOf(table), value: table },
    )
  const view = s.interleavedViews[0]
  if (view !== undefined)
    throw new DesiredStateError(
      'NOT_SHAREABLE',
      `${fieldOf(view.view)}: view ${s.schema}.${view.view} reads table ${view.table}, which has an INTERLEAVED sort key, and Redshift shares neither such tables nor views over them (R-DS-6). Use a COMPOUND sort key for ${view.table} (in its table definition and on the producer), or leave the view out of the share.`,
      { field: fieldOf(view.view), value: view.view },
    )
}

/**
 * Renders plan actions as Amazon Redshift datashare SQL (CREATE/ALTER/DROP DATASHARE,
 * GRANT/REVOKE USAGE ON DATASHARE, CREATE DATABASE … FROM DATASHARE, published views).
 * Every identifier goes through `quoteIdent`, every value through `quoteLiteral`.
 *
 * Masking and row filters are applied on the producer, by views: consumers cannot attach
 * security policies to datashare objects (R-RLS-11), and producer policies do not protect
 * consumers (an RLS table fails or, OFF FOR DATASHARES, returns every row, D-1; a masked
 * table cannot be added to a share, D-2). A schema with policies is published: its views
 * (`<share>_<schema>.<table>`, or `publishAs`) apply the masks and filters, and the share
 * holds them instead of the tables (DG:datashare-views: "you don't have to share the base
 * tables"). Protection is therefore the same for every consumer of the share; `validate`
 * refuses a policy for only some of them, and tables with INTERLEAVED sort keys and views
 * reading them (R-DS-6).
 *
 * @example
 * const plan = planDatashare(share, emptyState({ airline_dw: tables }), redshiftRenderer())
 */
export function redshiftRenderer(): ShareRenderer {
  return Object.freeze({
    target: 'redshift',
    granteeKey: (c: Consumer) => `${c.grantee.kind}:${refText(c.grantee.id)}`,
    readerKey: (r: Reader) => `${r.kind}:${r.name}`,
    validate,
    viewQuery,
    render(action: PlanAction, side: Side, ctx: RenderContext): readonly Statement[] {
      return renderRedshiftAction(action, redshiftStep(side, ctx))
    },
  })
}
