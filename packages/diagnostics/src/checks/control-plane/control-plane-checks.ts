import type { AwsClient, WorkgroupShape } from '../../aws/aws-input.js'
import {
  describeSubnets,
  endpointIps,
  getNamespace,
  getWorkgroup,
  listWorkgroups,
} from '../../aws/aws-reads.js'
import type { Check, CheckContext, Finding } from '../../check/check.js'
import { findings } from '../../check/finding.js'
import type { DiagnosticsConfig } from '../../config/diagnostics-config.js'
import { warehousesOf } from '../../config/diagnostics-config.js'
import { freeIpsNeeded, minAzCount } from '../../facts/aws-limits.js'
import { remediations } from '../../facts/remediations.js'

type Ready = { readonly config: DiagnosticsConfig; readonly client: AwsClient }

/** The config and Redshift Serverless client, or the skip finding explaining what is missing. */
function inputs(ctx: CheckContext): Ready | readonly Finding[] {
  if (!ctx.config)
    return [
      findings.skip(
        'no config given',
        'Pass `config` so the checks know which workgroups to inspect.',
      ),
    ]
  if (!ctx.aws?.redshiftServerless)
    return [
      findings.skip(
        'no Redshift Serverless client given',
        'Pass `aws.redshiftServerless` (a RedshiftServerlessClient).',
      ),
    ]
  return { config: ctx.config, client: ctx.aws.redshiftServerless }
}
const isReady = (x: Ready | readonly Finding[]): x is Ready => !Array.isArray(x)

const minutes = (ms: number) => Math.round(ms / 6000) / 10

const CONFLICT_REMEDIATION =
  'A workgroup or namespace stays in MODIFYING while a configuration change runs; concurrent changes fail ' +
  '("can\'t update multiple configurations at the same time"). Wait, then retry changes one at a time with backoff; ' +
  'check CloudTrail for the change that started it. If it is still MODIFYING after an hour, open an AWS support case.'

/** Turns a CREATING/MODIFYING status into a warn, or a fail once past the stuck threshold. */
function transitional(
  ctx: CheckContext,
  kind: 'workgroup' | 'namespace',
  name: string,
  status: string,
  creationDate: Date | undefined,
  ev: Record<string, string | number | boolean | null>,
  remediation: string,
): Finding {
  const now = ctx.now()
  let since = ctx.history.observe(`${kind}:${name}`, status, now)
  // A new resource goes CREATING → MODIFYING → AVAILABLE: its creation date bounds both.
  if (status === 'CREATING' && creationDate && creationDate < since) since = creationDate
  const elapsed = now.getTime() - since.getTime()
  const evidence = { ...ev, status, since: since.toISOString(), minutes: minutes(elapsed) }
  if (elapsed > ctx.limits.stuckAfterMs) {
    return findings.fail(
      `${kind} ${name} has been ${status} for ${minutes(elapsed)} min (over ${minutes(ctx.limits.stuckAfterMs)} min)`,
      evidence,
      remediation,
      name,
    )
  }
  return findings.warn(
    `${kind} ${name} is ${status} (seen for ${minutes(elapsed)} min)`,
    evidence,
    `Wait for AVAILABLE; it fails if it stays ${status} for more than ${minutes(ctx.limits.stuckAfterMs)} min. Re-run or use watch.`,
    name,
  )
}

/** Every configured workgroup exists and is AVAILABLE; CREATING/MODIFYING for > 10 min fails. */
export const workgroupStatusCheck: Check = Object.freeze({
  id: 'control-plane/workgroup-status',
  title: 'Workgroups are AVAILABLE',
  group: 'control-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const ready = inputs(ctx)
    if (!isReady(ready)) return ready
    const out: Finding[] = []
    for (const { role, warehouse: w } of warehousesOf(ready.config)) {
      const wg = await getWorkgroup(ctx, ready.client, w.workgroup)
      if (!wg) {
        out.push(
          findings.fail(
            `${role} workgroup ${w.workgroup} does not exist`,
            { workgroup: w.workgroup, role },
            'Deploy it ("rsp deploy"); check the region and account of the credentials.',
            w.workgroup,
          ),
        )
        continue
      }
      const status = wg.status ?? 'UNKNOWN'
      const ev = { workgroup: w.workgroup, role, namespace: wg.namespaceName ?? null }
      if (status === 'AVAILABLE') {
        ctx.history.observe(`workgroup:${w.workgroup}`, status, ctx.now())
        if (wg.namespaceName && wg.namespaceName !== w.namespace) {
          out.push(
            findings.fail(
              `workgroup ${w.workgroup} belongs to namespace ${wg.namespaceName}, not ${w.namespace}`,
              { ...ev, expectedNamespace: w.namespace },
              'Fix the config (namespace/workgroup pairs) or redeploy the workgroup in the right namespace.',
              w.workgroup,
            ),
          )
        } else {
          out.push(
            findings.ok(`workgroup ${w.workgroup} is AVAILABLE`, { ...ev, status }, w.workgroup),
          )
        }
      } else if (status === 'CREATING' || status === 'MODIFYING') {
        out.push(
          transitional(
            ctx,
            'workgroup',
            w.workgroup,
            status,
            wg.creationDate,
            ev,
            CONFLICT_REMEDIATION,
          ),
        )
      } else if (status === 'DELETING') {
        out.push(
          findings.fail(
            `workgroup ${w.workgroup} is DELETING`,
            { ...ev, status },
            'Wait until it is gone, then redeploy ("rsp deploy"); someone or something deleted it.',
            w.workgroup,
          ),
        )
      } else {
        out.push(
          findings.warn(
            `workgroup ${w.workgroup} is ${status}`,
            { ...ev, status },
            'Inspect it in the Redshift Serverless console; expected AVAILABLE.',
            w.workgroup,
          ),
        )
      }
    }
    return out
  },
})

/** Every configured namespace exists and is AVAILABLE. */
export const namespaceStatusCheck: Check = Object.freeze({
  id: 'control-plane/namespace-status',
  title: 'Namespaces are AVAILABLE',
  group: 'control-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const ready = inputs(ctx)
    if (!isReady(ready)) return ready
    const out: Finding[] = []
    for (const { role, warehouse: w } of warehousesOf(ready.config)) {
      const ns = await getNamespace(ctx, ready.client, w.namespace)
      const restore = remediations.snapshotRestore(w.namespace)
      if (!ns) {
        out.push(
          findings.fail(
            `${role} namespace ${w.namespace} does not exist`,
            { namespace: w.namespace, role },
            `Deploy it ("rsp deploy"). ${restore}`,
            w.namespace,
          ),
        )
        continue
      }
      const status = ns.status ?? 'UNKNOWN'
      const ev = { namespace: w.namespace, role, namespaceId: ns.namespaceId ?? null }
      if (status === 'AVAILABLE') {
        ctx.history.observe(`namespace:${w.namespace}`, status, ctx.now())
        out.push(
          findings.ok(`namespace ${w.namespace} is AVAILABLE`, { ...ev, status }, w.namespace),
        )
      } else if (status === 'MODIFYING') {
        out.push(
          transitional(
            ctx,
            'namespace',
            w.namespace,
            status,
            ns.creationDate,
            ev,
            `${CONFLICT_REMEDIATION} ${restore}`,
          ),
        )
      } else {
        out.push(
          findings.fail(
            `namespace ${w.namespace} is ${status}`,
            { ...ev, status },
            restore,
            w.namespace,
          ),
        )
      }
    }
    return out
  },
})

/** Every available workgroup has an endpoint with an address, the configured port and ENIs. */
export const endpointStatusCheck: Check = Object.freeze({
  id: 'control-plane/endpoint-status',
  title: 'Workgroup endpoints are reachable addresses',
  group: 'control-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const ready = inputs(ctx)
    if (!isReady(ready)) return ready
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

/** Every subnet of every workgroup has enough free IPs (fail below need, warn below twice), over enough AZs. */
export const subnetFreeIpsCheck: Check = Object.freeze({
  id: 'control-plane/subnet-free-ips',
  title: 'Subnets have enough free IP addresses',
  group: 'control-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const ready = inputs(ctx)
    if (!isReady(ready)) return ready
    const ec2 = ctx.aws?.ec2
    if (!ec2)
      return [
        findings.skip('no EC2 client given', 'Pass `aws.ec2` (an EC2Client) to read subnets.'),
      ]
    const { limits } = ctx
    const workgroups: WorkgroupShape[] = []
    const configured = new Map<string, number>()
    for (const { warehouse: w } of warehousesOf(ready.config)) {
      const wg = await getWorkgroup(ctx, ready.client, w.workgroup)
      if (wg) workgroups.push(wg)
      configured.set(w.workgroup, w.baseRpu)
    }
    const need = new Map<string, { ips: number; workgroups: string[] }>()
    for (const wg of workgroups) {
      const evr = wg.enhancedVpcRouting ?? ready.config.network.enhancedVpcRouting
      const base = wg.baseCapacity ?? configured.get(wg.workgroupName ?? '') ?? 0
      const perSubnet = freeIpsNeeded(base, evr, limits)
      for (const id of wg.subnetIds ?? []) {
        const n = need.get(id) ?? { ips: 0, workgroups: [] }
        n.ips += perSubnet
        n.workgroups.push(wg.workgroupName ?? '?')
        need.set(id, n)
      }
    }
    if (need.size === 0) return [findings.skip('no deployed workgroup with subnets to inspect')]
    const subnets = await describeSubnets(ctx, ec2, [...need.keys()])
    const byId = new Map(subnets.map((s) => [s.SubnetId ?? '', s]))
    const out: Finding[] = []
    for (const wg of workgroups) {
      const zones = new Set(
        (wg.subnetIds ?? []).map((id) => byId.get(id)?.AvailabilityZone).filter(Boolean),
      )
      const evr = wg.enhancedVpcRouting ?? ready.config.network.enhancedVpcRouting
      const required = minAzCount(evr, limits)
      if (zones.size < required) {
        out.push(
          findings.fail(
            `workgroup ${wg.workgroupName} spans ${zones.size} availability zone(s); ${required} required`,
            {
              workgroup: wg.workgroupName ?? null,
              zones: [...zones] as string[],
              required,
              enhancedVpcRouting: evr,
            },
            remediations.tooFewIps(
              `Add subnets in ${required} different availability zones to ${wg.workgroupName}.`,
            ),
            wg.workgroupName,
          ),
        )
      }
    }
    for (const [id, n] of need) {
      const s = byId.get(id)
      const ev = { subnet: id, needed: n.ips, workgroups: n.workgroups }
      if (!s) {
        out.push(
          findings.fail(
            `subnet ${id} used by ${n.workgroups.join(', ')} was not found`,
            ev,
            'Redeploy the workgroups into existing subnets ("rsp deploy").',
            id,
          ),
        )
        continue
      }
      const free = s.AvailableIpAddressCount ?? 0
      const full = {
        ...ev,
        available: free,
        cidr: s.CidrBlock ?? null,
        availabilityZone: s.AvailabilityZone ?? null,
      }
      if (free < n.ips) {
        out.push(
          findings.fail(
            `subnet ${id} has ${free} free IPs; ${n.workgroups.length} workgroup(s) need ${n.ips}`,
            full,
            remediations.tooFewIps(`Subnet ${id} is short of ${n.ips - free} addresses.`),
            id,
          ),
        )
      } else if (free < 2 * n.ips) {
        out.push(
          findings.warn(
            `subnet ${id} has ${free} free IPs, less than twice the ${n.ips} needed`,
            full,
            remediations.tooFewIps(
              `Subnet ${id} leaves little headroom for scaling or new workgroups.`,
            ),
            id,
          ),
        )
      } else {
        out.push(findings.ok(`subnet ${id} has ${free} free IPs (need ${n.ips})`, full, id))
      }
    }
    return out
  },
})

/** The account's total base RPU stays under the quota. */
export const rpuQuotaCheck: Check = Object.freeze({
  id: 'control-plane/rpu-quota',
  title: 'Total base RPU is within the account quota',
  group: 'control-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const ready = inputs(ctx)
    if (!isReady(ready)) return ready
    const all = await listWorkgroups(ctx, ready.client)
    const total = all.reduce((n, wg) => n + (wg.baseCapacity ?? 0), 0)
    const quota = ctx.aws?.baseRpuQuota
    const ev = { totalBaseRpu: total, workgroups: all.length, quota: quota ?? null }
    if (quota === undefined)
      return [
        findings.skip(
          `total base RPU is ${total} over ${all.length} workgroup(s); no quota given to compare`,
          'Pass `aws.baseRpuQuota` (from Service Quotas) to check it.',
        ),
      ]
    if (total > quota)
      return [
        findings.fail(
          `total base RPU ${total} exceeds the quota of ${quota}`,
          ev,
          'Lower base RPU of some workgroups or request a quota increase in Service Quotas (Amazon Redshift Serverless).',
        ),
      ]
    if (total > 0.8 * quota)
      return [
        findings.warn(
          `total base RPU ${total} is over 80% of the quota of ${quota}`,
          ev,
          'Request a quota increase before adding workgroups or raising base RPU.',
        ),
      ]
    return [findings.ok(`total base RPU ${total} of a quota of ${quota}`, ev)]
  },
})

/** Namespaces export the configured logs. */
export const logExportsCheck: Check = Object.freeze({
  id: 'control-plane/log-exports',
  title: 'Namespaces export audit logs',
  group: 'control-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const ready = inputs(ctx)
    if (!isReady(ready)) return ready
    const expected = ready.config.logExports ?? ctx.limits.logExports
    const out: Finding[] = []
    for (const { warehouse: w } of warehousesOf(ready.config)) {
      const ns = await getNamespace(ctx, ready.client, w.namespace)
      if (!ns) {
        out.push(
          findings.skip(
            `namespace ${w.namespace} does not exist (see control-plane/namespace-status)`,
            '',
            w.namespace,
          ),
        )
        continue
      }
      const have = ns.logExports ?? []
      const missing = expected.filter((x) => !have.includes(x))
      const ev = { namespace: w.namespace, logExports: [...have], expected: [...expected] }
      out.push(
        missing.length > 0
          ? findings.warn(
              `namespace ${w.namespace} does not export ${missing.join(', ')}`,
              ev,
              `Add ${missing.join(', ')} to the namespace's LogExports (config logExports) and redeploy; without them connection and user activity cannot be audited.`,
              w.namespace,
            )
          : findings.ok(
              `namespace ${w.namespace} exports ${have.join(', ') || 'nothing (none expected)'}`,
              ev,
              w.namespace,
            ),
      )
    }
    return out
  },
})

/** Lists publicly accessible workgroups; warns on those the config does not declare public. */
export const publicWorkgroupsCheck: Check = Object.freeze({
  id: 'control-plane/public-workgroups',
  title: 'Publicly accessible workgroups are intended',
  group: 'control-plane' as const,
  async run(ctx: CheckContext): Promise<readonly Finding[]> {
    const ready = inputs(ctx)
    if (!isReady(ready)) return ready
    const declared = new Map(
      warehousesOf(ready.config).map(({ warehouse: w }) => [w.workgroup, w.publiclyAccessible]),
    )
    const all = await listWorkgroups(ctx, ready.client)
    const pub = all.filter((wg) => wg.publiclyAccessible)
    if (pub.length === 0)
      return [findings.ok('no workgroup is publicly accessible', { workgroups: all.length })]
    return pub.map((wg) => {
      const name = wg.workgroupName ?? '?'
      const ev = {
        workgroup: name,
        address: wg.endpoint?.address ?? null,
        inConfig: declared.has(name),
      }
      if (declared.get(name) === true)
        return findings.ok(`workgroup ${name} is publicly accessible, as configured`, ev, name)
      return findings.warn(
        declared.has(name)
          ? `workgroup ${name} is publicly accessible but the config says private`
          : `workgroup ${name} (not in this config) is publicly accessible`,
        ev,
        `Make it private (PubliclyAccessible false) unless it must be reached from outside the VPC; a public consumer also needs a publicly accessible datashare (${remediations.publicConsumer(ready.config.datashare.name)})`,
        name,
      )
    })
  },
})

/** The `control-plane` group. */
export const controlPlaneChecks: readonly Check[] = Object.freeze([
  workgroupStatusCheck,
  namespaceStatusCheck,
  endpointStatusCheck,
  subnetFreeIpsCheck,
  rpuQuotaCheck,
  logExportsCheck,
  publicWorkgroupsCheck,
])
