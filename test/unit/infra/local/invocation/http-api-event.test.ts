import { describe, expect, it } from 'vitest';
import { httpApiEvent } from '../../../../../infra/local/invocation/http-api-event';

describe('httpApiEvent', () => {
  it('builds a payload 2.0 event as API Gateway does: raw path, joined query, lower-case headers', () => {
    const event = httpApiEvent({
      method: 'get',
      path: '/api/articles/articles%2F001.txt',
      rawQueryString: 'entity=Kim&topic=a&topic=b',
      headers: { Host: '127.0.0.1:8080', Accept: ['a', 'b'] },
      now: () => 0,
    });
    expect(event).toMatchObject({
      version: '2.0',
      rawPath: '/api/articles/articles%2F001.txt',
      queryStringParameters: { entity: 'Kim', topic: 'a,b' },
      headers: { host: '127.0.0.1:8080', accept: 'a,b' },
      requestContext: { http: { method: 'GET' }, timeEpoch: 0 },
      isBase64Encoded: false,
    });
    expect(event.body).toBeUndefined();
  });

  it('passes a JSON body as text and any other as base64', () => {
    const bytes = new TextEncoder().encode('{"a":1}');
    const json = httpApiEvent({
      method: 'POST',
      path: '/api/x',
      headers: { 'content-type': 'application/json' },
      body: bytes,
    });
    expect(json).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    const binary = httpApiEvent({ method: 'POST', path: '/api/x', body: bytes });
    expect(binary).toMatchObject({ body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true });
  });
});
