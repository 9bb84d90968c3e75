/**
 * Limits of the Amazon Redshift Data API that this package checks before sending a request.
 * Source: https://docs.aws.amazon.com/redshift/latest/mgmt/data-api.html and the API reference
 * of ExecuteStatement / BatchExecuteStatement (read 2025). Kept in one place so a change in the
 * service is a one-line change.
 */
export const DATA_API_LIMITS = Object.freeze({
  /** Maximum size of one SQL text, in bytes (UTF-8). */
  maxSqlBytes: 100 * 1024,
  /** Maximum number of SQL statements in one BatchExecuteStatement. */
  maxBatchStatements: 40,
  /** Parameter names allowed by the service. */
  parameterName: /^[0-9a-zA-Z_]+$/,
  /** Maximum SessionKeepAliveSeconds (24 hours). */
  maxSessionKeepAliveSeconds: 86_400,
  /** Longest a query may run, in milliseconds (24 hours). */
  maxQueryMs: 86_400_000,
  /** Maximum length of StatementName. */
  maxStatementNameLength: 500,
  /** Longest WaitTimeSeconds of ExecuteStatement / BatchExecuteStatement (its minimum is 1). */
  maxWaitTimeSeconds: 30,
})
