import { describe, expect, it } from 'vitest'
import { type DatashareSpec, defineDatashare } from '../desired-state.js'
import { localRenderer } from '../renderer/local/local-renderer.js'
import { redshiftRenderer } from '../renderer/redshift/redshift-renderer.js'
import type { ShareRenderer } from '../renderer/share-renderer.js'
import { emptyState } from '../state.js'
import { airlineDefs, airlineTables, piiUniformScenario } from '../test-fixtures.js'
import { planDatashare } from './planner.js'

const options = { tables: airlineDefs }
const fresh = () => emptyState({ airline_dw: airlineTables(), marts: ['daily'] })
/** The protected share, plus a schema without policies that asks for INCLUDENEW. */
const withMarts = (spec: DatashareSpec): DatashareSpec => ({
  ...spec,
  objects: [...spec.objects, { schema: 'marts', tables: 'all', includeNew: true }],
})
const includeNewSql = (share: DatashareSpec, renderer: ShareRenderer) =>
  planDatashare(defineDatashare(share, options), fresh(), renderer)
    .statements.map((s) => s.sql)
    .filter((sql) => /INCLUDENEW|DEFAULT PRIVILEGES/.test(sql))

describe('INCLUDENEW in a share with masking or row-level-security policies (R-DS-5)', () => {
  // A view created later in any schema of the share could read a protected table, and
  // INCLUDENEW would add it unchecked: a view reads its base tables past the policies
  // (DG:r_CREATE_VIEW). So no schema of such a share gets INCLUDENEW, on either target.
  it('Redshift: not set, neither on the published schema nor on another schema of the share', () => {
    expect(includeNewSql(withMarts(piiUniformScenario), redshiftRenderer())).toEqual([])
  })

  it('local: no default privileges (which cover views too), on any schema of the share', () => {
    expect(includeNewSql(withMarts(piiUniformScenario), localRenderer())).toEqual([])
  })

  it('without policies, INCLUDENEW is set as asked, on both targets', () => {
    const open = withMarts({ ...piiUniformScenario, policies: undefined })
    expect(includeNewSql(open, redshiftRenderer())).toEqual([
      'ALTER DATASHARE "airline_share" SET INCLUDENEW = TRUE FOR SCHEMA "airline_dw"',
      'ALTER DATASHARE "airline_share" SET INCLUDENEW = TRUE FOR SCHEMA "marts"',
    ])
    expect(includeNewSql(open, localRenderer())).toEqual([
      'ALTER DEFAULT PRIVILEGES IN SCHEMA "airline_dw" GRANT SELECT ON TABLES TO "airline_share"',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA "marts" GRANT SELECT ON TABLES TO "airline_share"',
    ])
  })

  it('a share that had INCLUDENEW on gets it turned off once a policy applies', () => {
    const share = defineDatashare(withMarts(piiUniformScenario), options)
    const before = { ...fresh(), includeNew: new Set(['airline_dw', 'marts']) }
    const local = planDatashare(share, before, localRenderer())
    expect(local.statements.map((s) => s.sql).filter((s) => /DEFAULT PRIVILEGES/.test(s))).toEqual([
      'ALTER DEFAULT PRIVILEGES IN SCHEMA "airline_dw" REVOKE SELECT ON TABLES FROM "airline_share"',
      'ALTER DEFAULT PRIVILEGES IN SCHEMA "marts" REVOKE SELECT ON TABLES FROM "airline_share"',
    ])
  })
})
