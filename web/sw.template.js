// actiongate playground service worker: caches the app shell so the playground keeps working
// offline. Generated at build time by web/tools/post-build.mjs (version and asset list).
const VERSION = "__VERSION__";
const ASSETS = __ASSETS__;
const CACHE = `actiongate-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("actiongate-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // The page itself: the cached shell (any ?embed or #fragment), the network as a fallback.
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match("./", { ignoreSearch: true }).then((hit) => hit || fetch(request)),
      ),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request))),
  );
});
