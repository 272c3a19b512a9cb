// Headers every answer carries (issue 14 item 10), the API's and the web app's alike: no page of ours may
// be framed by another site (clickjacking), and the web app runs under a Content-Security-Policy that
// lets it load only its own scripts and talk only to its own server. antd writes its styles at run time
// (CSS-in-JS), hence 'unsafe-inline' for styles alone; scripts are never inline. HSTS only over HTTPS
// (directly, or as the trusted proxy says), since on plain HTTP it would mean nothing.
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply) => {
    void reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-frame-options', 'DENY')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin');
    if (req.protocol === 'https') void reply.header('strict-transport-security', 'max-age=15552000');
  });
}
