import type { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import type { IAMClient } from '@aws-sdk/client-iam'
import type { LambdaClient, LambdaClientConfig } from '@aws-sdk/client-lambda'
import type { S3Client } from '@aws-sdk/client-s3'
import type { Backend, DeployInput } from '@portkey/backend'

/** Static credentials or a provider function, as every SDK v3 client accepts them. */
export type AwsCredentials = NonNullable<LambdaClientConfig['credentials']>

/** SDK clients a caller (usually a test) hands in instead of letting the backend create them. */
export interface AwsClients {
  lambda?: LambdaClient
  apiGateway?: APIGatewayClient
  iam?: IAMClient
  /** Used only for artifacts over Lambda's 50 MB direct-upload limit. */
  s3?: S3Client
}

export type AwsAuth = 'none' | 'iam'

export interface AwsVpcConfig {
  subnetIds: string[]
  securityGroupIds: string[]
}

export interface AwsBackendOptions {
  /** AWS region. @default the SDK's default chain (`AWS_REGION`, profile, ...) */
  region?: string
  /** Named profile from the shared config files. @default the SDK's default chain */
  profile?: string
  /** One endpoint URL for Lambda, API Gateway, IAM and S3, for LocalStack-style emulators. */
  endpoint?: string
  /** Static credentials or a credential provider. @default the SDK's default chain */
  credentials?: AwsCredentials
  /** Portkey app name: one REST API per app and stage. @default 'portkey' */
  app?: string
  /** API Gateway stage, the first path part of every URL. @default 'prod' */
  stage?: string
  /** @default 'nodejs20.x' */
  runtime?: 'nodejs20.x' | 'nodejs22.x'
  /** @default 'x86_64' */
  architecture?: 'x86_64' | 'arm64'
  /** Bucket for artifacts over 50 MB; not needed otherwise. */
  s3Bucket?: string
  /** Run functions inside a VPC. @default none */
  vpc?: AwsVpcConfig
  /** `none`: anyone with the URL can call it (a warning is logged). `iam`: SigV4. @default 'none' */
  auth?: AwsAuth
  /** Plan only: read what exists, log what would change, call no mutating API. @default false */
  dryRun?: boolean
  /** Receives progress lines. @default a line on stderr */
  log?: (line: string) => void
  /** Injected clients, for tests and for callers that configure the SDK themselves. */
  clients?: AwsClients
  /** Used for every backoff, so tests can fake time. @default setTimeout */
  sleep?: (ms: number) => Promise<void>
}

/** The options after defaults; everything past `resolveAwsBackendOptions` sees this form. */
export interface ResolvedAwsBackendOptions {
  region: string | undefined
  profile: string | undefined
  endpoint: string | undefined
  credentials: AwsCredentials | undefined
  app: string
  stage: string
  runtime: 'nodejs20.x' | 'nodejs22.x'
  architecture: 'x86_64' | 'arm64'
  s3Bucket: string | undefined
  vpc: AwsVpcConfig | undefined
  auth: AwsAuth
  dryRun: boolean
  log: (line: string) => void
  clients: AwsClients
  sleep: (ms: number) => Promise<void>
}

export type PlanAction = 'create' | 'update' | 'skip' | 'delete'

export type PlanResource =
  | 'role'
  | 'role-policy'
  | 'function'
  | 'function-code'
  | 'function-config'
  | 'rest-api'
  | 'api-resource'
  | 'method'
  | 'integration'
  | 'stage'
  | 'permission'

/** One line of what a deploy would do. */
export interface PlanStep {
  action: PlanAction
  resource: PlanResource
  /** The AWS name or path of the thing, e.g. the role name or `/users/{id}`. */
  target: string
  /** Why, when it is not obvious (what differs). */
  detail?: string
}

export interface AwsBackend extends Backend {
  /** What `deploy(input)` would create, update or skip; calls no mutating API. */
  plan(input: DeployInput): Promise<PlanStep[]>
  /** Removes every function, REST API and role Portkey created in the region; returns them. */
  removeAll(): Promise<string[]>
}
