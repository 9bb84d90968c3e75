import type { ArchitectureConfig } from '@redshift-playground/infra'
import type { RspConfig } from '../config/config-schema.js'

const limit = (l: RspConfig['usageLimits']['producer']) =>
  l ? { amount: l.rpuHours, period: l.period, breachAction: l.breachAction } : undefined

/** Maps the validated config file onto infra's `ArchitectureConfig`. */
export function architectureFromConfig(config: RspConfig): ArchitectureConfig {
  const n = config.network
  const c = config.consumers
  // Infra's outputs render one share to every consumer; with datashares by domain the SQL
  // comes from rsp plan / rsp share --target redshift --dry-run instead.
  const schemas =
    config.datashares === undefined ? config.datashare.objects.filter((o) => !o.includes('.')) : []
  const producerLimit = limit(config.usageLimits.producer)
  const consumerLimit = limit(config.usageLimits.consumers)
  return {
    name: config.project,
    network:
      n.vpcId && n.subnetIds && n.subnetAvailabilityZones
        ? {
            existing: {
              vpcId: n.vpcId,
              subnetIds: n.subnetIds,
              availabilityZones: n.subnetAvailabilityZones,
            },
          }
        : {
            cidr: n.vpcCidr,
            // AZ IDs set the count themselves.
            ...(n.availabilityZoneIds
              ? { availabilityZoneIds: n.availabilityZoneIds }
              : { availabilityZones: n.availabilityZones }),
            subnetCidrMask: n.subnetPrefix,
          },
    enhancedVpcRouting: n.enhancedVpcRouting,
    producer: {
      baseCapacity: config.producer.baseCapacity,
      maxCapacity: config.producer.maxCapacity,
    },
    consumers:
      c.mode === 'pool'
        ? {
            mode: 'pool',
            count: c.pool.count,
            baseCapacity: c.pool.baseCapacity,
            maxCapacity: c.pool.maxCapacity,
            publiclyAccessible: c.pool.public,
          }
        : {
            mode: 'workload',
            workloads: c.workloads.map((w) => ({
              name: w.name,
              baseCapacity: w.baseCapacity,
              maxCapacity: w.maxCapacity,
              publiclyAccessible: w.public,
            })),
          },
    nlb: {
      enabled: config.loadBalancer.enabled,
      stickiness: config.loadBalancer.stickiness,
      syncMinutes: config.loadBalancer.syncMinutes,
    },
    traditionalCluster: {
      enabled: config.traditionalCluster.enabled,
      nodeType: config.traditionalCluster.nodeType,
      nodes: config.traditionalCluster.nodes,
    },
    ...(producerLimit || consumerLimit
      ? {
          usageLimits: {
            ...(producerLimit ? { producer: producerLimit } : {}),
            ...(consumerLimit ? { consumers: consumerLimit } : {}),
          },
        }
      : {}),
    monitoring: {
      enabled: true,
      ...(config.monitoring.email ? { email: config.monitoring.email } : {}),
    },
    access: {
      allowedCidrs: config.security.allowedCidrs,
      ...(config.security.allowPublicIngress ? { allowPublicIngress: true } : {}),
    },
    // The stack cannot create a bucket the user owns; it only lets the producer's default
    // IAM role (COPY … IAM_ROLE default) read the configured bucket/prefix.
    ...(config.load
      ? {
          copySource: {
            bucketName: config.load.bucket,
            ...(config.load.prefix ? { prefix: config.load.prefix } : {}),
          },
        }
      : {}),
    sharing: schemas.length > 0 ? { shareName: config.datashare.name, schemas } : false,
  }
}
