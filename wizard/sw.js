// The wizard's service worker: network first, and the last good copy of each file of the
// wizard's own folder (and its stylesheets) when there is no network, so that what was loaded
// once keeps working offline. One cache per build (the site build writes its version below);
// the caches of earlier builds are deleted. It caches nothing else and sends nothing anywhere.
const PREFIX = 'onshi-wizard';
const CACHE = 'onshi-wizard';
const SCOPE = new URL('./', self.location).href;
const STYLES = new URL('../assets/', self.location).href;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

/// Only the wizard's folder and its stylesheets.
function ours(url) {
  return url.href.startsWith(SCOPE) || (url.href.startsWith(STYLES) && url.pathname.endsWith('.css'));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !ours(url)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })
      .catch(() => caches.open(CACHE).then((cache) => cache.match(request)).then((cached) => cached ?? Response.error())),
  );
});
