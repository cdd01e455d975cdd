import type { OutgoingHttpHeaders } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface HttpAnswer<T = any> {
  status: number;
  headers: OutgoingHttpHeaders;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Sent as-is instead of JSON-encoding `body`. */
  raw?: string | Buffer;
  query?: Record<string, string>;
}

/** Drives the app in-process through Fastify's inject: the real routes, plugins and filters. */
export class HttpClient {
  constructor(private readonly app: NestFastifyApplication) {}

  async request<T = any>(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | Buffer | undefined = options.raw;
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const query = options.query ? `${url.includes('?') ? '&' : '?'}${new URLSearchParams(options.query).toString()}` : '';
    const res = await this.app.inject({ method: method as 'GET', url: url + query, headers, payload });
    let parsed: unknown = undefined;
    const type = String(res.headers['content-type'] ?? '');
    if (res.body && /json/.test(type)) parsed = JSON.parse(res.body);
    return { status: res.statusCode, headers: res.headers, body: parsed as T, text: res.body };
  }

  get<T = any>(url: string, options?: RequestOptions) {
    return this.request<T>('GET', url, undefined, options);
  }
  post<T = any>(url: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', url, body, options);
  }
  put<T = any>(url: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PUT', url, body, options);
  }
  patch<T = any>(url: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', url, body, options);
  }
  delete<T = any>(url: string, options?: RequestOptions) {
    return this.request<T>('DELETE', url, undefined, options);
  }
}
