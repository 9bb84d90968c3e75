/**
 * The Data API's service errors (R-API-2) and the protocol errors of AWS JSON 1.1 services,
 * shaped the way `@aws-sdk/client-redshift-data` reads them: the error name in the body's
 * `__type` and in the `x-amzn-errortype` header, the text in `message` (and `Message`, the
 * model's member), plus the members some errors carry (`ResourceId`, `StatementId`).
 */

/** HTTP status per error name: R-API-2 (MODEL's `httpError` traits) and the AWS JSON protocol errors. */
const STATUS: Readonly<Record<string, number>> = {
  ValidationException: 400,
  ActiveStatementsExceededException: 400,
  ActiveSessionsExceededException: 400,
  ActiveWaitingRequestsExceededException: 400,
  QueryTimeoutException: 400,
  ResourceNotFoundException: 404,
  ExecuteStatementException: 500,
  BatchExecuteStatementException: 500,
  DatabaseConnectionException: 500,
  InternalServerException: 500,
  // Protocol and authentication errors every AWS JSON service answers with.
  UnknownOperationException: 400,
  SerializationException: 400,
  ThrottlingException: 400,
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
  AccessDeniedException: 400,
  ServiceUnavailableException: 503,
}

/** Error names of the model and of the protocol (others are allowed for fault injection). */
export type DataApiErrorName =
  | 'ValidationException'
  | 'ActiveStatementsExceededException'
  | 'ActiveSessionsExceededException'
  | 'ActiveWaitingRequestsExceededException'
  | 'QueryTimeoutException'
  | 'ResourceNotFoundException'
  | 'ExecuteStatementException'
  | 'BatchExecuteStatementException'
  | 'DatabaseConnectionException'
  | 'InternalServerException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'ThrottlingException'
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException'
  | 'AccessDeniedException'
  | 'ServiceUnavailableException'

/** The HTTP status of an error name (500 for a name the table does not know). */
export function errorStatus(name: string): number {
  return STATUS[name] ?? 500
}

/**
 * An error the Data API answers with instead of a result. Thrown anywhere in a handler; the
 * server turns it into the HTTP response.
 *
 * @example
 * throw new DataApiError('ResourceNotFoundException', 'Query does not exist.', { ResourceId: id })
 */
export class DataApiError extends Error {
  override readonly name = 'DataApiError'
  /** The service error name (`ValidationException`, …): the SDK's exception class. */
  readonly errorName: string
  readonly status: number
  /** Extra members of the error shape (`ResourceId`, `StatementId`). */
  readonly fields: Readonly<Record<string, string>>

  constructor(
    errorName: DataApiErrorName | (string & {}),
    message: string,
    fields: Readonly<Record<string, string>> = {},
  ) {
    super(message)
    this.errorName = errorName
    this.status = errorStatus(errorName)
    this.fields = fields
  }

  /** The response body: `{"__type", "message", "Message", …fields}`. */
  toBody(): Record<string, string> {
    return { __type: this.errorName, message: this.message, Message: this.message, ...this.fields }
  }
}

/** A ValidationException (400). */
export function validationError(message: string): DataApiError {
  return new DataApiError('ValidationException', message)
}

/** A ResourceNotFoundException (404) naming the resource (D-11c). */
export function notFoundError(message: string, resourceId: string): DataApiError {
  return new DataApiError('ResourceNotFoundException', message, { ResourceId: resourceId })
}

/** A SerializationException (400): the body is not the JSON the operation takes. */
export function serializationError(message: string): DataApiError {
  return new DataApiError('SerializationException', message)
}
