import type { RspConfig } from '../config/config-schema.js'
import { cli, printJson, println } from '../context/cli-context.js'

/** What `rsp share` / `rsp unshare` was asked, its flags parsed. */
export interface ShareRequest {
  readonly config: RspConfig
  readonly teardown: boolean
  readonly dir: string | undefined
  readonly dryRun: boolean
  readonly json: boolean
}

/** `--target redshift --dry-run`: the Redshift SQL per side, offline (placeholders for ids). */
export async function printRedshiftSharePlan(r: ShareRequest): Promise<void> {
  const [{ offlineSharePlan }, { statementsByShare }] = await Promise.all([
    import('./offline-share-plan.js'),
    import('./share-parts.js'),
  ])
  // unshare: the teardown of everything the share plan creates on a fresh deployment.
  const offline = await offlineSharePlan(r.config, { teardown: r.teardown })
  const { byShare, scripts, placeholders } = offline
  if (r.json) {
    printJson({
      shares: byShare.map((p) => p.share),
      plan: statementsByShare(offline.plan, byShare),
      placeholders,
    })
    return
  }
  for (const script of scripts) println(script.sql)
}

/** `--target local`: plan (and unless --dry-run apply) every datashare on the embedded database. */
export async function shareOnLocal(r: ShareRequest): Promise<void> {
  const [{ usingLocalWarehouse, migrateLocal }, { shareLocal }, { statementsByShare }] =
    await Promise.all([
      import('../local/local-warehouse.js'),
      import('./apply-local-share.js'),
      import('./share-parts.js'),
    ])
  const c = cli().colors
  const { teardown } = r
  await usingLocalWarehouse({ dir: r.dir }, async (w) => {
    if (!teardown) await migrateLocal(w.producer)
    const { plan, byShare, removed, outcomes } = await shareLocal(r.config, w, {
      dryRun: r.dryRun,
      teardown,
    })
    // In run order: the plan orders the shares' statements together.
    const statements = statementsByShare(plan, byShare)
    if (r.json) {
      printJson({
        kind: teardown ? 'teardown' : 'apply',
        isEmpty: plan.isEmpty,
        shares: byShare.map((p) => ({
          name: p.share,
          isEmpty: p.isEmpty,
          statements: p.statements.length,
          ...(removed.includes(p.share) ? { removed: true } : {}),
        })),
        statements: statements.map((s) => ({
          share: s.share,
          side: s.side,
          sql: s.sql,
          purpose: s.purpose,
        })),
        applied: outcomes.length,
      })
      return
    }
    for (const p of byShare)
      if (p.isEmpty) println(`${c.green('✔')} ${p.share}: nothing to change`)
      else if (removed.includes(p.share))
        println(`${p.share}: no longer in the config; rsp made it, so it is dropped`)
    for (const st of statements) println(`${c.dim(`[${st.share} ${st.side}]`)} ${st.sql};`)
    if (statements.length === 0) return
    println(
      r.dryRun
        ? `${statements.length} statements planned for ${byShare.length} datashare(s) (dry run: nothing applied)`
        : `${c.green('✔')} applied ${outcomes.length} statements (${teardown ? 'teardown' : 'apply'}) for ${byShare.length} datashare(s) on the local target, in one transaction`,
    )
  })
}
