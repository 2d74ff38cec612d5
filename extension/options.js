/* credlib extension: the options page (server address, when to score, ignore list).
 * Settings live in storage.sync.  A server other than the default, and automatic
 * scoring, need host permissions: they are requested here, on the user's click. */
"use strict";

const { api, getSettings, validateServerUrl, originPattern, parseSiteList } = globalThis.credlib;
const ALL_SITES = ["http://*/*", "https://*/*"];
const $ = (id) => document.getElementById(id);

function say(text, good) {
  $("status").textContent = text;
  $("status").className = good ? "good" : "bad";
}

async function load() {
  const settings = await getSettings();
  $("server").value = settings.serverUrl;
  $(settings.autoScore ? "mode-auto" : "mode-click").checked = true;
  $("ignored").value = settings.ignoredSites.join("\n");
}

async function save(event) {
  event.preventDefault();
  const checked = validateServerUrl($("server").value);
  if (!checked.ok) {
    $("server").setAttribute("aria-invalid", "true");
    return say(checked.error, false);
  }
  $("server").removeAttribute("aria-invalid");
  const autoScore = $("mode-auto").checked;
  const wanted = [originPattern(checked.url)];
  if (autoScore) wanted.push(...ALL_SITES);
  // Requested before anything is awaited: Firefox allows permissions.request() only
  // while the click that submitted the form is being handled.  Permissions already
  // granted are granted again at once, without asking.
  let granted = false;
  try {
    granted = await api.permissions.request({ origins: wanted });
  } catch (error) {
    granted = false;
  }
  if (!granted) {
    return say(
      autoScore
        ? "Permission refused: automatic scoring needs access to the sites you visit. Nothing was saved."
        : `Permission refused: the extension may not reach ${checked.url}. Nothing was saved.`,
      false,
    );
  }
  const ignoredSites = parseSiteList($("ignored").value);
  await api.storage.sync.set({ serverUrl: checked.url, autoScore, ignoredSites });
  $("server").value = checked.url;
  $("ignored").value = ignoredSites.join("\n");
  say("Saved.", true);
}

$("form").addEventListener("submit", save);
load();
