// A small signed token for the header-auth example: base64url(JSON) "." base64url(HMAC-SHA256).
// Shared by the example services (verify) and the example client (sign); not a JWT library, just enough
// for a service to trust a cookie it issued.
import { createHmac, timingSafeEqual } from 'node:crypto';

const secret = 'example-services-secret';

const mac = (payload) => createHmac('sha256', secret).update(payload).digest('base64url');

/** Signs claims into a token string. */
export function sign(claims) {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return payload + '.' + mac(payload);
}

/** The claims of a token with a valid signature, or null. */
export function verify(token) {
  const [payload, signature] = String(token).split('.');
  if (!payload || !signature) {
    return null;
  }
  const expected = Buffer.from(mac(payload));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return null;
  }
  return JSON.parse(Buffer.from(payload, 'base64url').toString());
}
