/**
 * Types shared by everything that builds or answers API Gateway REST (payload 1.0) proxy events.
 * This package runs inside the artifact, so it must stay free of dependencies.
 */

/** The event API Gateway's REST `AWS_PROXY` integration sends to a Lambda function. */
export interface ProxyEvent {
  resource: string
  path: string
  httpMethod: string
  headers: Record<string, string> | null
  multiValueHeaders: Record<string, string[]> | null
  queryStringParameters: Record<string, string> | null
  multiValueQueryStringParameters: Record<string, string[]> | null
  pathParameters: Record<string, string> | null
  stageVariables: Record<string, string> | null
  requestContext: ProxyRequestContext
  body: string | null
  isBase64Encoded: boolean
}

export interface ProxyRequestContext {
  accountId: string
  apiId: string
  resourceId: string
  resourcePath: string
  httpMethod: string
  path: string
  stage: string
  requestId: string
  requestTimeEpoch: number
  identity: { sourceIp: string; userAgent: string | null }
  [key: string]: unknown
}

/** What a Lambda function returns to a REST proxy integration. */
export interface ProxyResult {
  statusCode: number
  headers?: Record<string, string>
  multiValueHeaders?: Record<string, string[]>
  body: string
  isBase64Encoded?: boolean
}

/** The subset of the Node.js Lambda `context` object the adapter relies on. */
export interface LambdaContext {
  awsRequestId: string
  functionName: string
  getRemainingTimeInMillis(): number
  [key: string]: unknown
}

/** The type a route placeholder converts its text to before the call. */
export type PlaceholderType = 'string' | 'number' | 'integer' | 'boolean'

/** One `{name}` or `{name:type}` placeholder of a route template. */
export interface Placeholder {
  name: string
  type: PlaceholderType
  /** Where the value comes from: a path segment or a query string key. */
  source: 'path' | 'query'
  /** For query placeholders, the query key (`?q={name}` has key `q`). */
  key: string
}

/** A route template after parsing: `/users/{id}?verbose={verbose:boolean}`. */
export interface Route {
  /** The template exactly as given. */
  template: string
  /** The path part in API Gateway resource syntax, e.g. `/users/{id}`. */
  resource: string
  /** Path segments; a placeholder segment is `{name}`. */
  segments: string[]
  placeholders: Placeholder[]
}

/**
 * How the adapter calls the user's function: either one positional argument per parameter (in
 * order, each named by a placeholder), or a single object holding every placeholder.
 */
export type CallShape =
  | { kind: 'positional'; params: Array<{ name: string; optional: boolean }> }
  | {
      kind: 'object'
      /**
       * Placeholder names the function can do without (a destructured property with a default).
       * Every other placeholder is required: a request without it gets a 400.
       * @default []
       */
      optional?: string[]
    }

/** Everything the adapter needs besides the function itself; serialised into the artifact. */
export interface HandlerConfig {
  route: string
  call: CallShape
}

/**
 * A handler config after its route is parsed and checked against the call shape, done once at
 * pack time. The adapter inside an artifact starts from this, so it carries no route parser.
 */
export interface HandlerPlan {
  /** The route template as given, quoted in 400 messages. */
  template: string
  /** Path segments of the route, as in `Route`; matched when an event has no path parameters. */
  segments: string[]
  /** `positional`: one argument per slot, in order; `object`: one object holding every slot. */
  kind: CallShape['kind']
  slots: PlannedSlot[]
}

/** One call argument (or, for the object shape, one property) and where its value comes from. */
export interface PlannedSlot {
  name: string
  /** Absent for an optional parameter no placeholder feeds: it is always `undefined`. */
  placeholder?: Placeholder
  optional: boolean
}
