import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isNotFound } from './aws-errors';
import { ObjectNotFoundError, type ObjectStore } from '../ports/ports';
import type { ObjectRef } from '../ports/records';

export class S3ObjectStore implements ObjectStore {
  constructor(private readonly client: S3Client) {}

  async getObject(ref: ObjectRef): Promise<Uint8Array> {
    try {
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: ref.bucket,
          Key: ref.key,
          ...(ref.versionId ? { VersionId: ref.versionId } : {}),
        }),
      );
      if (!response.Body) return new Uint8Array();
      return await response.Body.transformToByteArray();
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(`s3://${ref.bucket}/${ref.key} not found`);
      throw error;
    }
  }
}
