// The network rules the constructs enforce, without aws-cdk-lib, so a CLI or a config
// validator can check a config before anything is synthesised (entry
// `@redshift-playground/infra/network-rules`).

export {
  cidrWithin,
  containsPublicAddress,
  NON_PUBLIC_IPV4,
  NON_PUBLIC_IPV6,
  type ParsedCidr,
  parseAnyCidr,
  parseIpv4Cidr,
  parseIpv6Cidr,
} from './private/cidr.js'

/**
 * An Availability Zone ID (`use1-az1`, `apne1-az4`, `usgw1-az2`): the ZoneId column of
 * `aws ec2 describe-availability-zones`, the same zone in every account, unlike AZ names.
 * The first group is the Region's short code.
 */
export const AVAILABILITY_ZONE_ID: RegExp = /^([a-z]{2,5}[0-9]+)-az[0-9]+$/

/** The Region code of an AZ ID (`use1` for `use1-az1`), undefined when it is not one. */
export function availabilityZoneIdRegion(azId: string): string | undefined {
  return AVAILABILITY_ZONE_ID.exec(azId)?.[1]
}
