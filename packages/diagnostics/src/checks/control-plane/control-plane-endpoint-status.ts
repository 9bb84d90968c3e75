import { endpointIps, getWorkgroup } from '../../aws/aws-reads.js'
import type { Check, Finding } from '../../check/check.js'
import { defineCheck } from '../../check/define-check.js'
import { findings } from '../../check/finding.js'
import { warehousesOf } from '../../config/diagnostics-config.js'
import { remediations } from '../../facts/remediations.js'
import { controlPlaneInputs } from './control-plane-support.js'

/** Every available workgroup has an endpoint with an address, the configured port and ENIs. */
export const endpointStatusCheck: Check = defineCheck({
  id: 'control-plane/endpoint-status',
  title: 'Workgroup endpoints are reachable addresses',
  group: 'control-plane',
  inputs: controlPlaneInputs,
  async run(ready, ctx) {
    const out: Finding[] = []
    for (const { warehouse: w } of warehousesOf(ready.config)) {
      const wg = await getWorkgroup(ctx, ready.client, w.workgroup)
      if (!wg) {
        out.push(
          findings.skip(
            `workgroup ${w.workgroup} does not exist (see control-plane/workgroup-status)`,
            '',
            w.workgroup,
          ),
        )
        continue
      }
      const expectedPort = w.port ?? ctx.limits.defaultPort
      const ips = endpointIps(wg)
      const subnets = wg.subnetIds ?? []
      const ev = {
        workgroup: w.workgroup,
        address: wg.endpoint?.address ?? null,
        port: wg.endpoint?.port ?? null,
        expectedPort,
        eniIps: ips.map((x) => x.ip),
        subnets: [...subnets],
      }
      if (!wg.endpoint?.address) {
        out.push(
          (wg.status === 'AVAILABLE' ? findings.fail : findings.warn)(
            `workgroup ${w.workgroup} has no endpoint address (status ${wg.status ?? 'UNKNOWN'})`,
            ev,
            'Wait for the workgroup to become AVAILABLE; if it is AVAILABLE without an endpoint, check its subnets and security groups and redeploy it.',
            w.workgroup,
          ),
        )
      } else if (wg.endpoint.port !== undefined && wg.endpoint.port !== expectedPort) {
        out.push(
          findings.fail(
            `workgroup ${w.workgroup} listens on ${wg.endpoint.port}, the config says ${expectedPort}`,
            ev,
            'Align the port in the config with the deployed workgroup (or redeploy); clients and the NLB target group use the configured port.',
            w.workgroup,
          ),
        )
      } else if (ips.length === 0 || ips.length < subnets.length) {
        out.push(
          findings.warn(
            `workgroup ${w.workgroup} endpoint has ${ips.length} network interface(s) for ${subnets.length} subnet(s)`,
            ev,
            remediations.nlbConnection(
              'Endpoint ENIs are missing, so some subnets (and NLB targets) have no address.',
            ),
            w.workgroup,
          ),
        )
      } else {
        out.push(
          findings.ok(
            `workgroup ${w.workgroup} endpoint ${wg.endpoint.address}:${wg.endpoint.port ?? expectedPort} with ${ips.length} ENI(s)`,
            ev,
            w.workgroup,
          ),
        )
      }
    }
    return out
  },
})
