import type { ec2 } from './private/cdk.js'

/**
 * Who may reach a database port: the client networks and security groups a construct admits.
 * Shared by every construct with a client-facing port (workgroups, the consumer NLB, the
 * provisioned cluster), so the rule reads the same everywhere.
 */
export interface ClientAccessProps {
  /**
   * Client networks (IPv4 or IPv6 CIDRs) admitted on the port. `0.0.0.0/0` and `::/0` are
   * refused, and so is any CIDR containing a public address unless `allowPublicIngress`.
   * @default - none
   */
  readonly allowedCidrs?: readonly string[]
  /**
   * Admit client CIDRs that contain public addresses: anything outside 10.0.0.0/8,
   * 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 (RFC 6598), 127.0.0.0/8 and 169.254.0.0/16,
   * or for IPv6 outside fc00::/7 and fe80::/10. `0.0.0.0/0` and `::/0` stay refused.
   * @default false
   */
  readonly allowPublicIngress?: boolean
  /**
   * Client security groups admitted on the port.
   * @default - none
   */
  readonly allowedSecurityGroups?: readonly ec2.ISecurityGroup[]
}
