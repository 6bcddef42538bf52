import { secureHeaders } from 'hono/secure-headers';
import { BOOT_SCRIPT_CSP } from './boot-script.ts';

/**
 * Browser security headers on every answer. The pages load only their own scripts, styles, images,
 * workers and API (SurveyJS sets inline styles, hence the one relaxation; the one inline script is the
 * boot script, allowed by its hash); nothing may frame them, post
 * a form elsewhere or re-base their links; and no page may use the camera, microphone, location or any
 * other device feature: a rating needs none.
 */
export function securityHeaders() {
  const none: [] = [];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", BOOT_SCRIPT_CSP],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      mediaSrc: ["'none'"],
      objectSrc: ["'none'"],
      frameSrc: ["'none'"],
      childSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    permissionsPolicy: {
      accelerometer: none,
      autoplay: none,
      camera: none,
      displayCapture: none,
      encryptedMedia: none,
      geolocation: none,
      gyroscope: none,
      hid: none,
      magnetometer: none,
      microphone: none,
      midi: none,
      payment: none,
      publickeyCredentialsGet: none,
      serial: none,
      usb: none,
      xrSpatialTracking: none,
    },
    referrerPolicy: 'no-referrer',
    // A handler that sets one of these headers itself keeps it: evidence files answer with a stricter,
    // sandboxing policy of their own (server/evidence/evidence.routes.ts).
    overwrite: false,
  });
}
