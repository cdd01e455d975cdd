import type { NestFastifyApplication } from '@nestjs/platform-fastify';

type Directives = Record<string, string[]>;

// No inline scripts anywhere; only this origin's scripts, styles, API calls and images (data: too).
const API_DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
};

// Third-party pages we serve but do not write: Bull Board's HTML has inline styles and Google
// Fonts, Swagger UI's an inline <style>. Their scripts stay 'self' only, and neither may be framed.
const THIRD_PARTY_UI_DIRECTIVES: Directives = {
  ...API_DIRECTIVES,
  'style-src': ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
  'font-src': ["'self'", 'https://fonts.gstatic.com'],
};
const THIRD_PARTY_UI_PATHS = ['/admin/queues', '/docs'];

const serialize = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join(';');

const isUnder = (url: string, prefix: string) =>
  url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`) || url.startsWith(`${prefix}-`);

/**
 * nosniff, Referrer-Policy: no-referrer and a Content-Security-Policy that forbids framing on every
 * answer, through Nest's built-in security headers (helmet's set), errors and 404s included.
 */
export function useSecurityHeaders(app: NestFastifyApplication): void {
  app.useSecurityHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: API_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const relaxed = serialize(THIRD_PARTY_UI_DIRECTIVES);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      if (THIRD_PARTY_UI_PATHS.some((prefix) => isUnder(request.url, prefix))) void reply.header('content-security-policy', relaxed);
      done();
    });
}
