import { quoteIdent } from '@redshift-playground/schema'

/**
 * The seed project's troubleshooting table, carried as the remediation text of the checks
 * that detect each problem (corrected where the seed was wrong: e.g. free IPs depend on base
 * RPU, and the datashare GUID must be quoted). One function per row so the text can name the
 * actual resources.
 */
export const remediations = Object.freeze({
  /** Seed row 1: "Publicly accessible consumer" error (one statement per datashare named). */
  publicConsumer(share: string | readonly string[]): string {
    const alter = [share]
      .flat()
      .map((s) => `ALTER DATASHARE ${quoteIdent(s)} SET PUBLICACCESSIBLE TRUE;`)
      .join(' ')
    return (
      `A publicly accessible consumer fails with "Publicly accessible consumer cannot access object in the database" ` +
      `unless the datashare allows it. On the producer run: ${alter} ` +
      `(or set datashare.publicAccessible: true in the config), or make the consumer workgroup private.`
    )
  },

  /** Seed row 2: insufficient IP addresses. */
  tooFewIps(detail: string): string {
    return (
      `${detail} Use /23 or larger subnets (512 addresses) in 3 availability zones: every workgroup needs free IPs in ` +
      `each of its subnets (with enhanced VPC routing 9 at 8 RPU up to 261 at 1024 RPU, more while scaling up), ` +
      `plus one per NLB node. Move workgroups to larger subnets or release addresses.`
    )
  },

  /** Seed row 3: snapshot restore issues. */
  snapshotRestore(namespace: string): string {
    return (
      `Before restoring a snapshot into ${JSON.stringify(namespace)}: verify the target namespace exists and is AVAILABLE; ` +
      `the IAM principal needs redshift-serverless:RestoreFromSnapshot (and redshift:RestoreFromClusterSnapshot for a ` +
      `provisioned-cluster snapshot, given by ARN); the KMS key policy must allow the target namespace. A restore into the ` +
      `producer replaces its datashares: re-run "rsp share" afterwards to re-grant the consumers.`
    )
  },

  /** Seed row 4: NLB connection issues. */
  nlbConnection(detail: string): string {
    return (
      `${detail} Check that the target group's TCP health checks on 5439 pass, that the workgroups' security groups ` +
      `admit TCP 5439 from the NLB (its security group or subnets), and that the targets are the current ENI IPs of ` +
      `every consumer endpoint (re-run the target sync: "rsp deploy" or the scheduled sync Lambda).`
    )
  },

  /** Seed row 5: datashare not visible. */
  datashareNotVisible(share: string, consumer: string): string {
    return (
      `Datashare ${JSON.stringify(share)} is not visible to ${JSON.stringify(consumer)}: wait 2–3 minutes after a grant ` +
      `for propagation; verify the consumer namespace ID in GRANT USAGE ON DATASHARE ${quoteIdent(share)} TO NAMESPACE '<guid>' ` +
      `(the GUID must be quoted); check the datashare is associated with the consumer (SVV_DATASHARE_CONSUMERS) and ` +
      `that the consumer created its database FROM DATASHARE. Re-run "rsp share" to apply the plan.`
    )
  },
})
