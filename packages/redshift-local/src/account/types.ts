/** One column of a result, typed the way Redshift reports it. */
export interface ResultColumn {
  readonly name: string
  /** Redshift's type name (`int4`, `varchar`, `numeric`, `timestamp`, `bool`, …). */
  readonly typeName: string
  /** Length for character types, precision for numeric, else 0. */
  readonly precision: number
  readonly scale: number
}

/** What one statement returned. Values are PostgreSQL/Redshift text (null for NULL). */
export interface QueryResult {
  /** `SELECT`, `INSERT`, `CREATE DATASHARE`, … */
  readonly command: string
  readonly columns: readonly ResultColumn[]
  readonly rows: readonly (readonly (string | null)[])[]
  /** Rows returned, or affected by DML and COPY (-1 when neither applies). */
  readonly rowCount: number
  readonly hasResultSet: boolean
  /** Its query id in SYS_QUERY_HISTORY. */
  readonly queryId: number
  /** Server notices (e.g. "there is no transaction in progress"). */
  readonly notices: readonly string[]
}

/** A namespace of the emulated account, as `createNamespace` made it. */
export interface NamespaceInfo {
  /** The namespace GUID (`current_namespace`). */
  readonly id: string
  readonly num: number
  readonly name: string
  readonly workgroup: string
  readonly account: string
  readonly adminUser: string
  /** Secrets Manager ARN of the managed admin password (`{"username", "password"}`). */
  readonly adminSecretArn: string
  /** The database created with the namespace (`dev` by default). */
  readonly database: string
  readonly defaultIamRole: string | undefined
  /** Physical role standing for PUBLIC in this namespace. */
  readonly publicRole: string
  /** The workgroup's settings, as GetWorkgroup reports them. */
  readonly publiclyAccessible: boolean
  readonly baseCapacity: number
  readonly maxCapacity: number | undefined
  readonly createdAt: Date
}

/** Who a session runs as. */
export type Identity =
  /** A database user with its password (Secrets Manager secrets resolve to this). */
  | { readonly kind: 'password'; readonly user: string; readonly password: string }
  /** An IAM caller with temporary credentials: `IAMR:<role>` or `IAM:<user>` (R-IAM-1). */
  | { readonly kind: 'iam'; readonly dbUser: string }
  /** A Secrets Manager secret of the account. */
  | { readonly kind: 'secret'; readonly arn: string }
  /** Trusted: an existing database user, no password (tests, `rsp local serve`). */
  | { readonly kind: 'trusted'; readonly user: string }
