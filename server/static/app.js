// The credlib page: send the form to POST /v1/score and show the report the server renders.
// The report's HTML comes from credlib.render (the same highlighter as the CLI report);
// this script only handles the form, errors, and the explanation shown on hover or focus.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const form = $("article-form"), title = $("title"), text = $("text"), file = $("file");
  const clearFile = $("clear-file"), fileStatus = $("file-status"), button = $("score");
  const busy = $("busy"), error = $("error"), result = $("result"), tip = $("tip");
  const maxBodyBytes = Number(form.dataset.maxBodyBytes); // the server's limit on a request body
  let page = null; // the chosen HTML file: {name, html}
  let reading = Promise.resolve(); // settles once a chosen file has been read
  let choice = 0; // counts the choices of a file (or of the pasted text): a read for an older one is ignored

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
    result.replaceChildren(); // a report shown before is not about what failed now
  }

  // A saved page in the charset it declares, read as the command line reads it: UTF-8
  // (with or without a byte-order mark) or UTF-16 with its mark; otherwise the charset of
  // its <meta charset> (a page saying iso-8859-1 is decoded as windows-1252, as browsers
  // do); otherwise it cannot be read.
  function decodePage(bytes, name) {
    const view = new Uint8Array(bytes);
    if ((view[0] === 0xff && view[1] === 0xfe) || (view[0] === 0xfe && view[1] === 0xff)) {
      return new TextDecoder(view[0] === 0xff ? "utf-16le" : "utf-16be").decode(view);
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(view);
    } catch {
      // not UTF-8: look for the charset the page declares
    }
    const head = new TextDecoder("windows-1252").decode(view.subarray(0, 4096));
    const declared = /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
    if (declared) {
      try {
        return new TextDecoder(declared[1]).decode(view);
      } catch {
        throw new Error(`${name} declares the charset “${declared[1]}”, which this browser cannot read; save it as UTF-8.`);
      }
    }
    throw new Error(`${name} is not valid UTF-8 and does not say which charset it is in; save it as UTF-8.`);
  }

  function hideError() {
    error.hidden = true;
    error.textContent = "";
  }

  file.addEventListener("change", () => {
    hideError();
    const chosen = file.files[0];
    if (!chosen) return forgetFile();
    page = null; // until this file is read, the last one is not what will be scored
    const mine = ++choice;
    fileStatus.textContent = `Reading ${chosen.name}…`;
    clearFile.hidden = false;
    reading = chosen.arrayBuffer().then(
      (bytes) => {
        if (mine !== choice) return; // the user has chosen something else meanwhile
        page = { name: chosen.name, html: decodePage(bytes, chosen.name) };
        fileStatus.textContent = `The page in ${chosen.name} will be scored; the pasted text is ignored.`;
        clearFile.hidden = false;
      },
    ).catch((failure) => {
      if (mine !== choice) return;
      forgetFile();
      showError(failure instanceof Error && failure.message.startsWith(chosen.name)
        ? failure.message : `${chosen.name} could not be read.`);
    });
  });

  function forgetFile() {
    choice++; // a read still under way is for a file no longer chosen
    reading = Promise.resolve();
    page = null;
    file.value = "";
    fileStatus.textContent = "";
    clearFile.hidden = true;
  }

  clearFile.addEventListener("click", () => {
    forgetFile();
    text.focus();
  });

  async function errorMessage(response) {
    const wait = Number.parseInt(response.headers.get("Retry-After") || "", 10);
    if (response.status === 429 && Number.isFinite(wait)) {
      return `Too many articles from this address for now: try again in ${wait} s.`;
    }
    try {
      const data = await response.json();
      if (data && data.error && data.error.message) return data.error.message;
    } catch {
      // not JSON (e.g. a proxy's error page): fall through to the status
    }
    return `The server answered with status ${response.status}.`;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    hideError();
    // A file chosen a moment ago may still be loading, and another may be chosen while we
    // wait: wait until the read of the file chosen last has finished.
    let waited;
    do {
      waited = reading;
      await waited;
    } while (waited !== reading);
    const payload = {};
    if (title.value.trim()) payload.title = title.value;
    if (page) {
      payload.html = page.html;
    } else if (text.value.trim()) {
      payload.text = text.value;
    } else {
      showError("Paste the article's text, or choose an HTML file.");
      text.focus();
      return;
    }
    // The limit is on the request body, the JSON with the text escaped in it, which is a
    // few per cent larger than the file or text: check what will be sent, not the file.
    const body = JSON.stringify(payload);
    const size = new Blob([body]).size; // bytes of UTF-8, as sent
    if (size > maxBodyBytes) {
      const what = page ? `The page in ${page.name}` : "The text";
      showError(`${what} is larger than the limit: sent to the server it takes ${size.toLocaleString("en-US")} ` +
        `bytes, and the server accepts at most ${maxBodyBytes.toLocaleString("en-US")} bytes.`);
      return;
    }
    button.disabled = true;
    busy.textContent = "Scoring…";
    try {
      const response = await fetch("/v1/score", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/html" },
        body,
      });
      if (!response.ok) {
        showError(await errorMessage(response));
        return;
      }
      result.innerHTML = await response.text(); // rendered and escaped by credlib.render
      prepareMarks();
      result.focus();
    } catch {
      showError("The server could not be reached. Check that it is running, then try again.");
    } finally {
      button.disabled = false;
      busy.textContent = "";
    }
  });

  // Native title tooltips appear only on hover; keep the text in data-tip and show our own
  // tooltip on hover and on keyboard focus. Screen readers get it as the description.
  function prepareMarks() {
    for (const mark of result.querySelectorAll("mark[title]")) {
      mark.dataset.tip = mark.title;
      mark.setAttribute("aria-description", mark.title);
      mark.removeAttribute("title");
    }
  }

  function showTip(mark) {
    const tips = [];
    for (let m = mark; m && result.contains(m); m = m.parentElement.closest("mark[data-tip]")) {
      tips.push(m.dataset.tip); // overlapping findings nest: explain each one
    }
    tip.replaceChildren(...tips.map((t) => Object.assign(document.createElement("p"), { textContent: t })));
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const width = tip.offsetWidth;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${box.bottom + window.scrollY + 6}px`;
  }

  function hideTip() {
    tip.hidden = true;
  }

  const markOf = (node) => (node instanceof Element ? node.closest("mark[data-tip]") : null);
  result.addEventListener("mouseover", (e) => { const m = markOf(e.target); if (m) showTip(m); });
  result.addEventListener("mouseout", (e) => { if (!markOf(e.relatedTarget)) hideTip(); });
  result.addEventListener("focusin", (e) => { const m = markOf(e.target); if (m) showTip(m); else hideTip(); });
  result.addEventListener("focusout", (e) => { if (!markOf(e.relatedTarget)) hideTip(); });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hideTip(); });
})();
