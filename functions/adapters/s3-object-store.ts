import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isNotFound } from './aws-errors';
import { ObjectNotFoundError, type ObjectStore, type StoredObject } from '../ports/ports';
import type { ObjectRef } from '../ports/records';
import type { ObjectWriter } from '../ports/source-ports';

export class S3ObjectStore implements ObjectStore {
  constructor(private readonly client: S3Client) {}

  /** The bytes as stored (the SDK inflates nothing), with the Content-Type and Content-Encoding. */
  async getObject(ref: ObjectRef): Promise<StoredObject> {
    try {
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: ref.bucket,
          Key: ref.key,
          ...(ref.versionId ? { VersionId: ref.versionId } : {}),
        }),
      );
      const bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
      return {
        bytes,
        ...(response.ContentType ? { contentType: response.ContentType } : {}),
        ...(response.ContentEncoding ? { contentEncoding: response.ContentEncoding } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(`s3://${ref.bucket}/${ref.key} not found`);
      throw error;
    }
  }
}

/** Writes new feed entries into the articles bucket, where the bucket's notification hands them to ingest. */
export class S3ObjectWriter implements ObjectWriter {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async putObject(key: string, body: string, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }
}
