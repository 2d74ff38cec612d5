/* credlib extension: settings and helpers shared by the background, popup and options.
 *
 * Loaded as a classic script everywhere (importScripts in Chromium's service worker,
 * the "scripts" list in Firefox, a <script> tag in the pages) and exposes one global,
 * `credlib`.  No remote code, no analytics: the only network request the extension
 * makes is the POST of the article to the configured server (background.js).
 */
(function (root) {
  "use strict";

  const api = root.browser ?? root.chrome;

  const DEFAULTS = Object.freeze({
    serverUrl: "http://127.0.0.1:8000",
    autoScore: false, // score on page load (needs access to all sites) or only on click
    ignoredSites: [], // host names; a sub-domain of an ignored host is ignored too
  });

  // Fewer characters of article text than this: the page is not an article ("?").
  const MIN_ARTICLE_CHARS = 500;
  const REQUEST_TIMEOUT_MS = 15000;

  const LABELS = Object.freeze({
    high: { text: "High credibility signals", colour: "#137333" },
    mixed: { text: "Mixed signals", colour: "#a15c00" },
    low: { text: "Low credibility signals", colour: "#b3261e" },
  });
  const BADGE_ERROR_COLOUR = "#5f6368";

  async function getSettings() {
    const stored = await api.storage.sync.get(Object.keys(DEFAULTS));
    return { ...DEFAULTS, ...stored };
  }

  /** Check a server address typed by the user: {ok: true, url} or {ok: false, error}. */
  function validateServerUrl(text) {
    const value = String(text ?? "").trim();
    if (!value) return { ok: false, error: "Enter the address of a credlib server, e.g. http://127.0.0.1:8000" };
    let url;
    try {
      url = new URL(value);
    } catch {
      return { ok: false, error: `“${value}” is not a web address (try http://127.0.0.1:8000)` };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return { ok: false, error: "The server address must start with http:// or https://" };
    }
    if (url.username || url.password) return { ok: false, error: "Leave user names and passwords out of the address" };
    if (url.search || url.hash) return { ok: false, error: "Give the server's address without ?query or #fragment" };
    const path = url.pathname.replace(/\/+$/, "");
    return { ok: true, url: url.origin + path };
  }

  /** The host-permission pattern for a server address ("http://example.org/*"). */
  function originPattern(serverUrl) {
    return new URL(serverUrl).origin + "/*";
  }

  /** Host names from the options textarea: one per line, lower case, no scheme or path. */
  function parseSiteList(text) {
    const sites = [];
    for (const line of String(text ?? "").split(/[\n,]+/)) {
      let host = line.trim().toLowerCase();
      if (!host) continue;
      try {
        if (host.includes("://")) host = new URL(host).hostname;
      } catch {
        continue;
      }
      host = host.replace(/\/.*$/, "").replace(/:\d+$/, "").replace(/^\*\./, "");
      if (host && !sites.includes(host)) sites.push(host);
    }
    return sites;
  }

  function isIgnored(pageUrl, sites) {
    let host;
    try {
      host = new URL(pageUrl).hostname.toLowerCase();
    } catch {
      return false;
    }
    return sites.some((site) => host === site || host.endsWith("." + site));
  }

  /** The address without its #fragment: a jump inside a page is not another page. */
  function withoutFragment(url) {
    const text = String(url ?? "");
    const at = text.indexOf("#");
    return at < 0 ? text : text.slice(0, at);
  }

  root.credlib = Object.freeze({
    api,
    DEFAULTS,
    MIN_ARTICLE_CHARS,
    REQUEST_TIMEOUT_MS,
    LABELS,
    BADGE_ERROR_COLOUR,
    getSettings,
    validateServerUrl,
    originPattern,
    parseSiteList,
    isIgnored,
    withoutFragment,
  });
})(globalThis);
