/* credlib extension: the popup.  Shows the report for the tab, the strongest reasons
 * with their evidence, every signal, and the "Highlight in page" switch.
 *
 * The tab is the active tab of the window, or the one named by ?tab=<id> (the popup can
 * be opened as a page, which is how the browser tests drive it).  Report data is only
 * ever put into the page as text (textContent), never as HTML.
 */
"use strict";

const { api, LABELS, getSettings, withoutFragment } = globalThis.credlib;
const MAX_REASONS = 4;
const REASON_MIN_CONCERN = 0.2;
const EVIDENCE_PER_REASON = 2;

const $ = (id) => document.getElementById(id);
const PANELS = ["loading", "error", "not-article", "ignored", "result"];

const ANNOUNCED = { loading: "Scoring this page…", "not-article": "Not an article.", ignored: "credlib is off for this site." };

function show(panel) {
  for (const id of PANELS) $(id).hidden = id !== panel;
  if (panel in ANNOUNCED) $("announce").textContent = ANNOUNCED[panel]; // (errors are announced by role=alert)
}

function element(tag, props = {}, children = []) {
  const el = document.createElement(tag);
  Object.assign(el, props);
  for (const child of children) el.append(child);
  return el;
}

async function targetTab() {
  const param = new URLSearchParams(location.search).get("tab");
  if (param) return api.tabs.get(Number(param));
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

function send(message) {
  return api.runtime.sendMessage(message);
}

function isInformational(signal) {
  return signal.id.startsWith("text.");
}

/** The strongest reasons: the signals that pull the score down most (concern × weight). */
function reasons(report, weights) {
  const pull = (s) => s.score * (weights[s.id] ?? 1);
  return report.signals
    .filter((s) => s.status === "ok" && !isInformational(s) && s.score >= REASON_MIN_CONCERN)
    .sort((a, b) => pull(b) - pull(a) || a.id.localeCompare(b.id))
    .slice(0, MAX_REASONS);
}

function evidenceOf(signal) {
  const seen = new Set();
  const out = [];
  for (const f of signal.findings) {
    if (f.severity === "info" || seen.has(f.text.toLowerCase())) continue;
    seen.add(f.text.toLowerCase());
    out.push(f);
    if (out.length === EVIDENCE_PER_REASON) break;
  }
  return out;
}

function renderReasons(report, weights) {
  const list = $("reasons");
  list.replaceChildren();
  const top = reasons(report, weights);
  $("no-reasons").hidden = top.length > 0;
  for (const signal of top) {
    const item = element("li", {}, [element("strong", { textContent: signal.title + ": " }), signal.summary]);
    const evidence = evidenceOf(signal);
    if (evidence.length) {
      const line = element("span", { className: "evidence" }, ["Evidence: "]);
      evidence.forEach((f, i) => {
        if (i) line.append(", ");
        line.append(element("q", { textContent: f.text, title: f.explanation }));
      });
      item.append(line);
    }
    list.append(item);
  }
}

function renderSignals(report) {
  const box = $("signals");
  box.replaceChildren();
  for (const signal of report.signals) {
    const applicable = signal.status === "ok";
    const concern = applicable ? (isInformational(signal) ? "info" : `concern ${signal.score.toFixed(2)}`) : "not applicable";
    const details = element("details", { className: applicable ? "" : "na" }, [
      element("summary", {}, [signal.title, element("span", { className: "concern", textContent: concern })]),
      element("p", { textContent: signal.summary }),
    ]);
    details.dataset.signal = signal.id;
    if (signal.findings.length) {
      const list = element("ul");
      for (const f of signal.findings) {
        list.append(element("li", {}, [element("q", { textContent: f.text }), ` — ${f.message}`]));
      }
      details.append(list);
    }
    box.append(details);
  }
}

async function render(state, tab) {
  const settings = await getSettings();
  if (state && !state.status && state.error) {
    // The background page itself failed (not the server): say so rather than break.
    $("error-message").textContent = `credlib could not score this page: ${state.error.message || state.error}`;
    return show("error");
  }
  if (!state || state.status === "scoring") return show("loading");
  if (state.status === "error") {
    $("error-message").textContent = state.error.message;
    return show("error");
  }
  if (state.status === "not-article") {
    $("chars").textContent = String(state.chars);
    return show("not-article");
  }
  if (state.status === "ignored") {
    $("ignored-host").textContent = state.host;
    return show("ignored");
  }
  const report = state.report;
  const label = LABELS[report.label];
  const rounded = Math.round(report.score); // as the badge shows it
  $("score").textContent = String(rounded);
  $("score").setAttribute("aria-label", `Score ${rounded} of 100`);
  $("score").style.background = label.colour;
  $("label").textContent = label.text;
  $("label").style.color = label.colour;
  $("meta").textContent = `score ${report.score.toFixed(1)} of 100 · confidence ${report.confidence.toFixed(2)} · language ${report.language}`;
  renderReasons(report, state.weights || {});
  renderSignals(report);
  $("highlight").checked = Boolean(state.highlighted);
  $("highlight-status").textContent = "";
  $("server").textContent = state.serverUrl || settings.serverUrl;
  $("full-report").href = `${state.serverUrl || settings.serverUrl}/`;
  show("result");
  $("announce").textContent = `Score ${rounded} of 100: ${label.text}.`;
  document.body.dataset.tab = String(tab.id);
}

async function score(tab, force, anyLength = false) {
  show("loading");
  const state = await send({ type: "score", tabId: tab.id, force, anyLength });
  if (!state) {
    // The tab went on to another page while this one was scored: its result was dropped.
    $("error-message").textContent = "The tab went on to another page while this one was being scored. Try again to score the page it shows now.";
    return show("error");
  }
  await render(state, tab);
}

async function main() {
  const tab = await targetTab();
  const state = await send({ type: "state", tabId: tab.id });
  if (state && withoutFragment(state.url) === withoutFragment(tab.url) && state.status !== "scoring") {
    await render(state, tab); // (a jump to a #fragment of the scored page keeps its report)
  } else {
    await score(tab, true);
  }

  for (const id of ["retry", "rescore"]) $(id).addEventListener("click", () => score(tab, true));
  $("retry-short").addEventListener("click", () => score(tab, true, true)); // "Score anyway": no minimum length
  for (const button of document.querySelectorAll("[data-open-options]")) {
    button.addEventListener("click", () => api.runtime.openOptionsPage());
  }
  $("highlight").addEventListener("change", async (event) => {
    const on = event.target.checked;
    const result = await send({ type: "highlight", tabId: tab.id, on });
    if (!result || result.error) {
      $("highlight-status").textContent = (result && result.error) || "The page could not be marked.";
      event.target.checked = false;
    } else if (on) {
      const note = result.pageChanged ? " (the page changed since it was scored)" : "";
      const keys = result.marked ? "; in the page, the Tab key moves from one to the next" : "";
      $("highlight-status").textContent = `${result.marked} passage${result.marked === 1 ? "" : "s"} marked${note}${keys}`;
    } else {
      $("highlight-status").textContent = "Marks removed";
    }
  });
}

main().catch((error) => {
  $("error-message").textContent = `Something went wrong in the popup: ${error && error.message ? error.message : error}`;
  show("error");
});
