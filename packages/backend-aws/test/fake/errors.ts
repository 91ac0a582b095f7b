/**
 * AWS errors as the SDK itself would raise them (the same exception classes, names and HTTP
 * status), so the backend under test cannot tell the fake from the service.
 */
import * as apigw from '@aws-sdk/client-api-gateway'
import * as iam from '@aws-sdk/client-iam'
import * as lambda from '@aws-sdk/client-lambda'

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } })

export const awsErrors = {
  lambdaNotFound: (message: string) =>
    new lambda.ResourceNotFoundException({ message, ...meta(404) }),
  lambdaConflict: (message: string) =>
    new lambda.ResourceConflictException({ message, ...meta(409) }),
  lambdaInvalid: (message: string) =>
    new lambda.InvalidParameterValueException({ message, ...meta(400) }),
  lambdaThrottled: () =>
    new lambda.TooManyRequestsException({ message: 'Rate exceeded', ...meta(429) }),
  iamNotFound: (message: string) => new iam.NoSuchEntityException({ message, ...meta(404) }),
  iamExists: (message: string) => new iam.EntityAlreadyExistsException({ message, ...meta(409) }),
  iamDeleteConflict: (message: string) =>
    new iam.DeleteConflictException({ message, ...meta(409) }),
  apiNotFound: (message: string) => new apigw.NotFoundException({ message, ...meta(404) }),
  apiConflict: (message: string) => new apigw.ConflictException({ message, ...meta(409) }),
  apiBadRequest: (message: string) => new apigw.BadRequestException({ message, ...meta(400) }),
  apiThrottled: () =>
    new apigw.TooManyRequestsException({ message: 'Too Many Requests', ...meta(429) }),
  /** What Lambda says while a brand-new role has not reached it yet. */
  rolePropagation: () =>
    new lambda.InvalidParameterValueException({
      message: 'The role defined for the function cannot be assumed by Lambda.',
      ...meta(400),
    }),
  /** What Lambda says when a second update starts before the first finished. */
  updateInProgress: (arn: string) =>
    new lambda.ResourceConflictException({
      message: `The operation cannot be performed at this time. An update is in progress for resource: ${arn}`,
      ...meta(409),
    }),
  /** A dropped connection, as Node's HTTP stack reports it. */
  network: () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
  accessDenied: (action: string) =>
    Object.assign(
      new Error(`User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ${action}`),
      {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
      },
    ),
}
