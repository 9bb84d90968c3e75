import { defineCommand } from 'citty'
import { loadConfigOrFail } from '../config/load-config.js'
import { cli } from '../context/cli-context.js'
import { UsageError } from '../errors/cli-errors.js'
import { describe } from './catalogue.js'
import { configArg, jsonArg } from './shared-args.js'

/** Shared by `rsp share` and `rsp unshare`. */
export function shareCommand(teardown: boolean) {
  const verb = teardown ? 'unshare' : 'share'
  return defineCommand({
    meta: {
      name: verb,
      description: describe(verb),
    },
    args: {
      ...configArg,
      target: {
        type: 'enum',
        options: ['local', 'redshift'],
        description: 'Where',
        default: 'local',
      },
      dir: {
        type: 'string',
        description: 'Local target: PGlite data directory (rsp demo --keep DIR)',
        valueHint: 'DIR',
      },
      'dry-run': { type: 'boolean', description: 'Print the plan; change nothing', default: false },
      ...jsonArg,
    },
    async run({ args }) {
      const config = await loadConfigOrFail(args.config, cli().cwd)
      if (args.target === 'redshift' && !args['dry-run']) {
        throw new UsageError(
          `rsp ${verb} --target redshift without --dry-run is not available: rsp deploy${teardown ? ' and rsp destroy' : ''} ${teardown ? 'tear' : 'apply'} the datashare on AWS; add --dry-run for the SQL`,
          '--target',
          args.target,
        )
      }
      const share = await import('../share/share-from-cli.js')
      const request = {
        config,
        teardown,
        dir: args.dir,
        dryRun: args['dry-run'],
        json: args.json,
      }
      if (args.target === 'redshift') await share.printRedshiftSharePlan(request)
      else await share.shareOnLocal(request)
    },
  })
}

export default shareCommand(false)
