import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export type LambdaHandler = (event: unknown, context: unknown, callback?: unknown) => unknown

// Lambda's Node runtime tries these extensions, in this order, for `file.export`.
const EXTENSIONS = ['.mjs', '.js', '.cjs']

/** Loads `_HANDLER` (`index.handler`) from the task root, the way Lambda's Node runtime does. */
export async function loadHandler(taskRoot: string, handler: string): Promise<LambdaHandler> {
  const dot = handler.lastIndexOf('.')
  if (dot <= 0) throw importError(`Bad handler "${handler}": expected "file.export"`)
  const modulePath = handler.slice(0, dot)
  const exportName = handler.slice(dot + 1)

  const file = EXTENSIONS.map((ext) => join(taskRoot, modulePath + ext)).find(existsSync)
  if (file === undefined) {
    throw importError(
      `Cannot find module '${modulePath}' in ${taskRoot} (tried ${EXTENSIONS.join(', ')})`,
    )
  }

  const loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>
  const fn = loaded[exportName]
  if (typeof fn !== 'function') {
    throw handlerNotFound(`${modulePath}.${exportName} is undefined or not exported`)
  }
  return fn as LambdaHandler
}

function importError(message: string): Error {
  const error = new Error(message)
  error.name = 'Runtime.ImportModuleError'
  return error
}

function handlerNotFound(message: string): Error {
  const error = new Error(message)
  error.name = 'Runtime.HandlerNotFound'
  return error
}
