/* credlib extension: background (Chromium service worker / Firefox event page).
 *
 * Scores a tab: injects the extractor into the page, sends {title, text, url} to the
 * configured credlib server, keeps the report per tab in storage.session and shows the
 * score on the tab's badge ("?" not an article, "!" server unreachable).  Nothing else
 * leaves the browser: no cookies, no page HTML, no analytics.
 */
"use strict";

if (typeof importScripts === "function" && !globalThis.credlib) {
  importScripts("common.js"); // Chromium; Firefox loads common.js from the manifest
}

const { api, getSettings, isIgnored, withoutFragment, MIN_ARTICLE_CHARS, REQUEST_TIMEOUT_MS, LABELS, BADGE_ERROR_COLOUR } =
  globalThis.credlib;

const stateKey = (tabId) => `tab:${tabId}`;

async function getState(tabId) {
  const key = stateKey(tabId);
  return (await api.storage.session.get(key))[key] ?? null;
}

async function setState(tabId, state) {
  await api.storage.session.set({ [stateKey(tabId)]: state });
  return state;
}

async function setBadge(tabId, text, colour) {
  await api.action.setBadgeText({ tabId, text });
  if (colour) await api.action.setBadgeBackgroundColor({ tabId, color: colour });
}

async function clearTab(tabId) {
  await api.storage.session.remove(stateKey(tabId));
  await api.action.setBadgeText({ tabId, text: "" }).catch(() => {});
}

async function inject(tabId) {
  await api.scripting.executeScript({ target: { tabId }, files: ["vendor/Readability.js", "content/page.js"] });
}

async function runInPage(tabId, func, args = []) {
  const [result] = await api.scripting.executeScript({ target: { tabId }, func, args });
  return result ? result.result : undefined;
}

function serverError(settings, response, body) {
  const status = response.status;
  const detail = body && body.error && body.error.message ? body.error.message : `HTTP ${status}`;
  const server = `The credlib server at ${settings.serverUrl}`;
  let message;
  if (status === 429) {
    const wait = Number.parseInt(response.headers.get("Retry-After") || "", 10);
    message = `${server} is busy with this browser's requests: ` +
      (Number.isFinite(wait) ? `try again in ${wait} s.` : "try again in a minute.");
  } else if (status >= 500) {
    message = `${server} failed while scoring the article (${detail}). Try again; if it keeps failing, check the server's log.`;
  } else {
    message = `${server} refused the article: ${detail}`;
  }
  return { kind: "server", status, message };
}

async function postArticle(settings, article) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(`${settings.serverUrl}/v1/score`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: article.title || undefined, text: article.text, url: article.url }),
      credentials: "omit",
      cache: "no-store",
      signal: controller.signal,
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) return { error: serverError(settings, response, body) };
    if (!body || typeof body.score !== "number" || !Object.hasOwn(LABELS, body.label)) {
      return { error: { kind: "server", status: response.status, message: `The server at ${settings.serverUrl} did not answer with a credlib report.` } };
    }
    return { report: body };
  } catch (error) {
    const timedOut = error && error.name === "AbortError";
    return {
      error: {
        kind: "unreachable",
        message:
          `Cannot reach the credlib server at ${settings.serverUrl}` +
          (timedOut ? ` (no answer in ${REQUEST_TIMEOUT_MS / 1000} s)` : "") +
          " — start it with `make serve`, or change the address in Options.",
      },
    };
  } finally {
    clearTimeout(timer);
  }
}

// tabId -> how many times a new page has been loaded in the tab: a scoring that started
// before the latest one is about a page that is gone, and must not write its result.
const pageLoads = new Map();
const lastUrl = new Map(); // tabId -> the address the tab showed last (as far as this worker saw)

/** A new page in the tab: scorings under way are about the old one (synchronous, so no
 *  scoring can start in between and be counted for the wrong page). */
function newPage(tabId) {
  pageLoads.set(tabId, (pageLoads.get(tabId) ?? 0) + 1);
  scoring.delete(tabId);
}

/** Score one tab; returns the state stored for it.  With ``anyLength``, a page with less
 * text than an article usually has is scored anyway (the reader asked for it). */
async function scoreTab(tabId, anyLength = false) {
  const started = performance.now();
  const load = pageLoads.get(tabId) ?? 0;
  const tab = await api.tabs.get(tabId);
  const settings = await getSettings();
  const base = { url: tab.url, serverUrl: settings.serverUrl, startedAt: Date.now() };
  // Each step below awaits; if the tab has gone on to another page meanwhile, what this
  // scoring found belongs to the old page: nothing is written, and the new page's state
  // (none yet, or its own scoring's) is what the caller gets.
  const current = () => (pageLoads.get(tabId) ?? 0) === load;
  // A result is written only while the tab still shows the page, checked again after the
  // writes (a navigation meanwhile has cleared the tab, or clears what was written).  A
  // dropped result is null: the popup says the tab went on, and can score the new page.
  const finish = async (badge, colour, state) => {
    if (!current()) return null;
    await setState(tabId, state);
    await setBadge(tabId, badge, colour);
    if (current()) return state;
    await clearTab(tabId);
    return null;
  };
  lastUrl.set(tabId, tab.url);
  if (isIgnored(tab.url, settings.ignoredSites)) {
    return finish("", null, { ...base, status: "ignored", host: new URL(tab.url).hostname });
  }
  if (!current()) return null;
  await setState(tabId, { ...base, status: "scoring" });
  await setBadge(tabId, "…", BADGE_ERROR_COLOUR);
  let article;
  let extracted;
  try {
    await inject(tabId);
    article = await runInPage(tabId, () => globalThis.__credlib.extract());
    extracted = performance.now();
  } catch (error) {
    return finish("", null, {
      ...base,
      status: "error",
      error: { kind: "page", message: `credlib cannot read this page (${error && error.message ? error.message : error}).` },
    });
  }
  if (!current()) return null;
  if (!article || (article.text.length < MIN_ARTICLE_CHARS && !(anyLength && article.text.trim()))) {
    return finish("?", BADGE_ERROR_COLOUR, { ...base, status: "not-article", chars: article ? article.text.length : 0 });
  }
  const { report, error } = await postArticle(settings, article);
  const answered = performance.now();
  if (error) {
    return finish("!", LABELS.low.colour, { ...base, status: "error", error });
  }
  const weights = await signalWeights(settings);
  const timing = {
    extractMs: Math.round(extracted - started),
    serverMs: Math.round(answered - extracted),
    clickToBadgeMs: Math.round(performance.now() - started),
  };
  return finish(String(Math.round(report.score)), LABELS[report.label].colour, {
    ...base,
    status: "done",
    report,
    sent: article, // what went to the server: title, text, url
    weights,
    timing,
  });
}

const catalogues = new Map(); // server address -> {signal id: weight}

/** How much each signal counts in the score, from the server's catalogue (for ranking
 *  the reasons in the popup); equal weights when the catalogue cannot be read. */
async function signalWeights(settings) {
  if (!catalogues.has(settings.serverUrl)) {
    try {
      const response = await fetch(`${settings.serverUrl}/v1/signals`, { credentials: "omit", cache: "no-store" });
      const catalogue = response.ok ? await response.json() : [];
      catalogues.set(settings.serverUrl, Object.fromEntries(catalogue.map((s) => [s.id, s.weight])));
    } catch (error) {
      return {};
    }
  }
  return catalogues.get(settings.serverUrl);
}

const scoring = new Map(); // tabId -> promise: one scoring at a time per tab and page

function scoreOnce(tabId, anyLength = false) {
  if (!scoring.has(tabId)) {
    const promise = scoreTab(tabId, anyLength).finally(() => {
      if (scoring.get(tabId) === promise) scoring.delete(tabId);
    });
    scoring.set(tabId, promise);
  }
  return scoring.get(tabId);
}

function findingsForPage(report) {
  const out = [];
  for (const signal of report.signals) {
    for (const f of signal.findings) {
      if (f.field !== "body") continue; // title and page-furniture findings are not in the article text
      out.push({
        start: f.start,
        end: f.end,
        text: f.text,
        signal: signal.id,
        severity: f.severity,
        message: f.message,
        tip: `${signal.title} — ${f.message}: ${f.explanation}`,
      });
    }
  }
  return out;
}

async function highlight(tabId, on) {
  const state = await getState(tabId);
  if (!state || state.status !== "done") return { error: "Score the page first." };
  const tab = await api.tabs.get(tabId);
  if (on && withoutFragment(tab.url) !== withoutFragment(state.url)) {
    return { error: "The tab shows another page than the one scored: score it again." };
  }
  await inject(tabId); // harmless when already there; needed after the page reloads scripts
  if (!on) {
    await runInPage(tabId, () => globalThis.__credlib.clear());
    await setState(tabId, { ...state, highlighted: false });
    return { marked: 0 };
  }
  const result = await runInPage(tabId, (findings) => globalThis.__credlib.highlight(findings), [findingsForPage(state.report)]);
  await setState(tabId, { ...state, highlighted: true });
  return result;
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handle = async () => {
    switch (message && message.type) {
      case "score":
        return message.force || !(await getState(message.tabId))
          ? scoreOnce(message.tabId, Boolean(message.anyLength))
          : getState(message.tabId);
      case "state":
        return getState(message.tabId);
      case "highlight":
        return highlight(message.tabId, Boolean(message.on));
      default:
        return { error: `unknown message ${message && message.type}` };
    }
  };
  handle().then(sendResponse, (error) => sendResponse({ error: String(error && error.message ? error.message : error) }));
  return true; // the answer comes asynchronously
});

// A new page in the tab (or a reload): the old score no longer applies.
api.tabs.onUpdated.addListener(async (tabId, changeInfo, tab) => {
  if (changeInfo.status === "loading") {
    const url = changeInfo.url ?? tab.url ?? "";
    const previous = lastUrl.get(tabId);
    lastUrl.set(tabId, url);
    // Another #fragment of the address the tab showed: if the document is still the one
    // scored (the extractor's global is still in it), the score and the marks still hold.
    // (Going from /a#x to /a can be either: a history step in the page, or a new load.)
    if (previous !== undefined && previous !== url && withoutFragment(previous) === withoutFragment(url) &&
        (await sameDocument(tabId))) {
      return;
    }
    newPage(tabId);
    await clearTab(tabId);
    // A navigation inside the same document (history.pushState) keeps the page and its
    // marks: remove them, as the score they explain is gone.  (A new document has none,
    // and may not be scriptable yet: failures are expected and ignored.)
    runInPage(tabId, () => globalThis.__credlib && globalThis.__credlib.clear()).catch(() => {});
  }
  if (changeInfo.status === "complete" && /^https?:/.test(tab.url || "")) {
    const settings = await getSettings();
    if (!settings.autoScore || isIgnored(tab.url, settings.ignoredSites)) return;
    const state = await getState(tabId);
    if (state && withoutFragment(state.url) === withoutFragment(tab.url)) return; // scored, or being scored
    // Automatic scoring needs access to the site: granted in Options when it was switched on.
    const allowed = await api.permissions.contains({ origins: [new URL(tab.url).origin + "/*"] });
    if (allowed) scoreOnce(tabId);
  }
});

/** Whether the tab still shows the document credlib read (its extractor is in it). */
function sameDocument(tabId) {
  return runInPage(tabId, () => Boolean(globalThis.__credlib)).then(Boolean, () => false);
}

api.tabs.onRemoved.addListener((tabId) => {
  pageLoads.delete(tabId);
  lastUrl.delete(tabId);
  api.storage.session.remove(stateKey(tabId));
});
