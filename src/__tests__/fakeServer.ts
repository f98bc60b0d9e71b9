import { ServerConnection } from '@jupyterlab/services';

/**
 * One request that the fake server received.
 */
export interface IRecordedRequest {
  url: string;
  method: string;
  authorization: string | null;
}

/**
 * A reply of the fake server: a status and a JSON or text body, or a network failure.
 */
export type FakeReply =
  | { status: number; json?: unknown; text?: string }
  | { networkError: string };

/**
 * Builds server settings whose `fetch` records each request and replies with what `route` returns.
 *
 * The base URL contains an escaped `@`, so tests catch URL joining that decodes or drops it.
 */
export function fakeServerSettings(route: (url: string) => FakeReply): {
  settings: ServerConnection.ISettings;
  requests: IRecordedRequest[];
} {
  const requests: IRecordedRequest[] = [];

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push({
      url: request.url,
      method: request.method,
      authorization: request.headers.get('Authorization')
    });

    const reply = route(request.url);
    if ('networkError' in reply) {
      throw new TypeError(reply.networkError);
    }
    const body = reply.text ?? JSON.stringify(reply.json);
    return new Response(body, {
      status: reply.status,
      headers: { 'Content-Type': reply.text === undefined ? 'application/json' : 'text/html' }
    });
  };

  return { settings: serverSettingsWithFetch(fetch), requests };
}

/**
 * Builds server settings that send every request through `fetch`, with the token `secret-token`.
 *
 * The base URL contains an escaped `@`, so tests catch URL joining that decodes or drops it.
 */
export function serverSettingsWithFetch(
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
): ServerConnection.ISettings {
  return ServerConnection.makeSettings({
    baseUrl: 'http://127.0.0.1:8888/a%40b/',
    wsUrl: 'ws://127.0.0.1:8888/a%40b/',
    token: 'secret-token',
    appendToken: false,
    fetch,
    Request,
    Headers
  });
}
