// The wizard's service worker: network first, and the last good copy of every file of the
// wizard's own folder when there is no network, so that what was loaded once keeps working
// offline (the questions, the timeline, and the PDF worker and font once used). It caches
// nothing from another host and sends nothing anywhere.
const CACHE = 'onshi-wizard';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true }).then((cached) => cached ?? Response.error())),
  );
});
