/** Marker comment on the role that stands for a datashare (also stores PUBLICACCESSIBLE). */
export const shareRoleComment = (publiclyAccessible: boolean) =>
  JSON.stringify({ rsp: 'datashare', publiclyAccessible })
/** Marker comment on a consumer's schema ("database made from the share"). */
export const consumerSchemaComment = (share: string) =>
  JSON.stringify({ rsp: 'consumer-database', share })
/** Marker comment on a masking view. */
export const maskingViewComment = (policy: string) =>
  JSON.stringify({ rsp: 'masking-view', policy })

/** The local policy name of an RLS policy for one consumer. */
export const localRlsPolicyName = (policy: string, consumer: string) => `${policy}_${consumer}`
