/**
 * Hand-built API Gateway REST proxy events and Lambda contexts, for tests and benchmarks that
 * call a handler directly. Published as `@portkey/runtime/testing` so every package builds the
 * same event; never bundled into an artifact.
 */
import type { LambdaContext, ProxyEvent } from './types.js'

export function proxyEvent(
  path: string,
  query: Record<string, string> | null = null,
  pathParameters: Record<string, string> | null = null,
): ProxyEvent {
  return {
    resource: path,
    path,
    httpMethod: 'GET',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: query,
    multiValueQueryStringParameters: null,
    pathParameters,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      resourceId: 'r1',
      resourcePath: path,
      httpMethod: 'GET',
      path,
      stage: 'test',
      requestId: 'gateway-request-1',
      requestTimeEpoch: 0,
      identity: { sourceIp: '127.0.0.1', userAgent: null },
    },
    body: null,
    isBase64Encoded: false,
  }
}

export function lambdaContext(awsRequestId = 'req-1234'): LambdaContext {
  return {
    awsRequestId,
    functionName: 'test-function',
    getRemainingTimeInMillis: () => 3000,
  }
}
