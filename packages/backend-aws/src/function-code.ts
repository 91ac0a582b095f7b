/** Where Lambda gets a mount's zip: inline in the request, or from S3 when it is too big for that. */
import type { DeployInput } from '@portkey/backend'
import { artifactTooLarge } from './diagnostics.js'
import type { AwsSession } from './session.js'

// Lambda accepts at most 50 MB of zipped code inline; larger zips must come from S3.
// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
export const DIRECT_UPLOAD_LIMIT = 50 * 1024 * 1024

export type CodeSource = { ZipFile: Uint8Array } | { S3Bucket: string; S3Key: string }

export async function codeSource(
  session: AwsSession,
  input: DeployInput,
  functionName: string,
): Promise<CodeSource> {
  const zip = input.artifact.zip
  if (zip.byteLength <= DIRECT_UPLOAD_LIMIT) return { ZipFile: zip }

  const bucket = session.options.s3Bucket
  if (!bucket) throw artifactTooLarge(input.name, zip.byteLength, DIRECT_UPLOAD_LIMIT)

  // Keyed by content hash, so a rerun after an interruption overwrites the same object.
  // Known shortcoming: these objects stay in the bucket after unmount; remove() does not list or
  // delete them, so a bucket lifecycle rule on the `portkey/` prefix is the way to expire them.
  const key = `portkey/${functionName}/${input.artifact.hex}.zip`
  const { client, sdk } = await session.s3()
  session.options.log(`Uploading ${zip.byteLength} bytes to s3://${bucket}/${key}`)
  await session.call('s3:PutObject', `s3://${bucket}/${key}`, () =>
    client.send(new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: zip })),
  )
  return { S3Bucket: bucket, S3Key: key }
}
