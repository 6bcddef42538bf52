/* The respondent pages' service worker (decision 016), served at /sw.js by the server with its settings
 * written in front (server/http/service-worker.ts): the build's id and, per build, the files a QR page
 * needs. It keeps them so that a second rating on the same phone opens without downloading the page and
 * the form library again, and so that a page opened without a network still shows (and sends what waits).
 * Hashed assets: from the cache, else the network (and kept). Respondent pages (/r/…, /code…): the
 * network first, the kept copy when there is none. Everything else, the API above all, is not touched.
 * A new deployment has a new id: its worker replaces this one and deletes the old caches.
 */
var config = self.__PINGYI_SW__;
var CACHE = 'pingyi-' + config.build;
var build = new URL(self.location.href).searchParams.get('build') === 'legacy' ? 'legacy' : 'modern';

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return cache.addAll(config.precache[build] || []);
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        var old = keys.filter(function (key) {
          return key.indexOf('pingyi-') === 0 && key !== CACHE;
        });
        return Promise.all(
          old.map(function (key) {
            return caches.delete(key);
          })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
      .then(keepOpenPages)
  );
});

/** The respondent pages open as this worker starts (the one that registered it): kept for an offline reopen. */
function keepOpenPages() {
  return self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
    return caches.open(CACHE).then(function (cache) {
      return Promise.all(
        windows.map(function (client) {
          var key = pageKey({ mode: 'navigate' }, new URL(client.url));
          return key ? cache.add(key).catch(function () {}) : null;
        })
      );
    });
  });
}

function isAsset(url) {
  return url.pathname.indexOf('/assets/') === 0 || url.pathname.indexOf('/legacy/assets/') === 0;
}

/** The cache key of a respondent page, or null: one copy for every code page (a code never in a key). */
function pageKey(request, url) {
  if (request.mode !== 'navigate') return null;
  if (url.pathname.indexOf('/r/') === 0) return url.pathname;
  if (url.pathname === '/code' || url.pathname.indexOf('/code/') === 0) return '/code';
  return null;
}

function keep(key, response) {
  if (!response.ok) return;
  var copy = response.clone();
  caches.open(CACHE).then(function (cache) {
    return cache.put(key, copy);
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isAsset(url)) {
    event.respondWith(
      caches.match(request).then(function (hit) {
        return (
          hit ||
          fetch(request).then(function (response) {
            keep(request, response);
            return response;
          })
        );
      })
    );
    return;
  }
  var key = pageKey(request, url);
  if (!key) return;
  event.respondWith(
    fetch(request)
      .then(function (response) {
        keep(key, response);
        return response;
      })
      .catch(function () {
        return caches.match(key).then(function (hit) {
          return hit || Response.error();
        });
      })
  );
});
