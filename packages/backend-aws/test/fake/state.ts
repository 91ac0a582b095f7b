/**
 * A small in-memory AWS account: the state the mocked IAM, Lambda, API Gateway and S3 clients read
 * and write, a log of every call, and failures to inject. Reusable by any suite that needs a
 * backend to talk to (the shared Backend conformance suite included).
 */
import type { FakeApi } from './apigateway-model.js'
import type { FakeRole } from './iam-model.js'
import type { FakeFunction } from './lambda-model.js'

export type Service = 'iam' | 'lambda' | 'apigateway' | 's3'

export interface RecordedCall {
  service: Service
  command: string
  input: any
  mutating: boolean
  /** False when an injected failure stopped it before it changed anything. */
  applied: boolean
}

export interface Fault {
  /** A command name, or `*mutating` for the Nth mutating call (counted from when it was added). */
  command: string
  error: () => unknown
  /** `before`: the call changes nothing. `after`: it takes effect, then its answer is lost. */
  when: 'before' | 'after'
  /** Matching calls to let through before failing. */
  skip: number
  times: number
}

const MUTATING = new Set([
  'CreateRole',
  'AttachRolePolicy',
  'DetachRolePolicy',
  'DeleteRole',
  'CreateFunction',
  'UpdateFunctionCode',
  'UpdateFunctionConfiguration',
  'DeleteFunction',
  'AddPermission',
  'RemovePermission',
  'CreateRestApi',
  'UpdateRestApi',
  'DeleteRestApi',
  'CreateResource',
  'DeleteResource',
  'PutMethod',
  'UpdateMethod',
  'DeleteMethod',
  'PutIntegration',
  'CreateDeployment',
  'PutObject',
])

export function isMutating(command: string): boolean {
  return MUTATING.has(command)
}

export class FakeState {
  account = '123456789012'
  region = 'us-east-1'
  roles = new Map<string, FakeRole>()
  functions = new Map<string, FakeFunction>()
  apis = new Map<string, FakeApi>()
  objects = new Map<string, Uint8Array>()
  calls: RecordedCall[] = []
  faults: Fault[] = []
  /** Polls a new function stays Pending (or an update InProgress) before it settles. */
  settlePolls = 0
  clock = Date.UTC(2025, 0, 1)
  private counter = 0

  nextId(prefix: string): string {
    this.counter += 1
    return `${prefix}${String(this.counter).padStart(10 - prefix.length, '0')}`
  }

  /** Runs one command against the model, applying any injected failure. */
  run(service: Service, command: string, input: unknown, handler: (input: any) => unknown) {
    const call: RecordedCall = {
      service,
      command,
      input,
      mutating: isMutating(command),
      applied: false,
    }
    this.calls.push(call)
    const fault = this.takeFault(call)
    if (fault?.when === 'before') throw fault.error()

    const result = handler(structuredClone(input))
    call.applied = true
    if (fault) throw fault.error()
    return result
  }

  private takeFault(call: RecordedCall): Fault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.times > 0 &&
        (candidate.command === call.command ||
          (candidate.command === '*mutating' && call.mutating)),
    )
    if (!fault) return undefined
    if (fault.skip > 0) {
      fault.skip -= 1
      return undefined
    }
    fault.times -= 1
    return fault
  }

  /** Fails the next `command` (or the Nth, with `skip`) with `error`. */
  failNext(
    command: string,
    error: () => unknown,
    options: Partial<Omit<Fault, 'command' | 'error'>> = {},
  ) {
    this.faults.push({ command, error, when: 'before', skip: 0, times: 1, ...options })
  }

  callsOf(command: string): RecordedCall[] {
    return this.calls.filter((call) => call.command === command)
  }

  mutatingCalls(): RecordedCall[] {
    return this.calls.filter((call) => call.mutating)
  }

  /** The number of resources of each kind: what "no duplicates" is checked against. */
  census() {
    let resources = 0
    for (const api of this.apis.values()) resources += api.resources.size
    return {
      roles: this.roles.size,
      functions: this.functions.size,
      apis: this.apis.size,
      resources,
    }
  }
}
