/* credlib extension: runs in the page (isolated world), injected on demand.
 *
 * extract()  finds the article with Mozilla's Readability, run on a clone of the
 *            document so the page itself is never touched, and builds the text to send
 *            from the *live* page's text nodes, remembering which node and offset every
 *            character came from.
 * highlight(findings) wraps each finding's text in <mark> elements, located by its
 *            offsets into the text that was sent (mapped back to the live text nodes),
 *            falling back to a text search when the page has changed since.
 * clear()    removes every mark and restores the page's text nodes.
 *
 * Everything is kept in one global of the extension's isolated world, so injecting the
 * script twice is harmless and the page's own scripts never see it.
 */
(function () {
  "use strict";
  if (globalThis.__credlib) return;

  const MARK_CLASS = "credlib-mark";
  const STYLE_ID = "credlib-mark-style";
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "CANVAS", "IFRAME", "OBJECT", "TEXTAREA", "SELECT", "BUTTON", "INPUT"]);
  const BLOCK = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "DD", "DETAILS", "DIV", "DL", "DT", "FIELDSET",
    "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI",
    "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "SUMMARY", "TABLE", "TD", "TH", "TR", "UL", "BR",
  ]);

  let state = null; // {text, nodes, nodeOf: Int32Array, offsetOf: Int32Array}

  function textNodesUnder(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (skipped(node, root.parentElement) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  /** Live text nodes of the article, in order, found via Readability on a clone. */
  function articleNodes() {
    if (typeof Readability === "function" && document.body) {
      const clone = document.cloneNode(true);
      // The clone has the same tree: walk both at once to pair each text node.
      const live = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
      const copy = document.createTreeWalker(clone, NodeFilter.SHOW_TEXT);
      const counterpart = new Map();
      while (live.nextNode() && copy.nextNode()) counterpart.set(copy.currentNode, live.currentNode);
      try {
        // serializer: keep the element itself, not its HTML, to reach its text nodes.
        const article = new Readability(clone, { serializer: (el) => el }).parse();
        if (article && article.content) {
          const walker = clone.createTreeWalker(article.content, NodeFilter.SHOW_TEXT);
          const nodes = [];
          while (walker.nextNode()) {
            const node = counterpart.get(walker.currentNode);
            if (node && node.isConnected) nodes.push(node);
          }
          if (nodes.length) {
            return { nodes, title: article.title || document.title, byline: article.byline, published: article.publishedTime };
          }
        }
      } catch (error) {
        // Readability gave up on this page: fall back to the page's own structure.
      }
    }
    const root = document.querySelector("article") || document.querySelector("main") || document.body;
    return { nodes: root ? textNodesUnder(root) : [], title: document.title };
  }

  /** Inside an element whose text is never read (a script, a form control, …), below ``stop``. */
  function skipped(node, stop = null) {
    for (let el = node.parentElement; el && el !== stop; el = el.parentElement) {
      if (SKIP.has(el.tagName.toUpperCase()) || el.classList.contains(MARK_CLASS + "-skip")) return true;
    }
    return false;
  }

  function blockOf(node) {
    let el = node.parentElement;
    while (el && !BLOCK.has(el.tagName.toUpperCase())) el = el.parentElement;
    return el;
  }

  /** The text to send and, for each of its characters, the text node and offset it came from. */
  function buildText(nodes) {
    const chars = [];
    const nodeOf = [];
    const offsetOf = [];
    let previousBlock = null;
    let pendingSpace = false;
    // For each block, its own <br> elements in page order (not those of a block inside it
    // or of a skipped element) and how many the text has passed: the walk can leave a
    // block for one inside it and come back.
    const breaksOf = new Map();
    const breaksIn = (block) => {
      if (!breaksOf.has(block)) {
        const own = block ? Array.from(block.getElementsByTagName("br")).filter((br) => blockOf(br) === block && !skipped(br)) : [];
        breaksOf.set(block, { list: own, next: 0 });
      }
      return breaksOf.get(block);
    };
    const newlines = (count) => {
      for (let k = 0; k < count; k++) {
        chars.push("\n");
        nodeOf.push(-1);
        offsetOf.push(-1);
      }
      pendingSpace = false;
    };
    nodes.forEach((node, index) => {
      const block = blockOf(node);
      if (block !== previousBlock && chars.length) newlines(2);
      // Line breaks (<br>) between the previous text and this one, inside the block: one
      // ends a line, two or more a paragraph.  Words on either side are not glued.
      const breaks = breaksIn(block);
      let passed = 0;
      while (breaks.next < breaks.list.length &&
             breaks.list[breaks.next].compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) {
        breaks.next++;
        passed++;
      }
      if (passed && block === previousBlock && chars.length) newlines(Math.min(passed, 2));
      previousBlock = block;
      const data = node.data;
      for (let i = 0; i < data.length; i++) {
        const char = data[i];
        if (/\s/.test(char)) {
          pendingSpace = chars.length > 0 && chars[chars.length - 1] !== "\n";
          continue;
        }
        if (pendingSpace) {
          chars.push(" ");
          nodeOf.push(index);
          offsetOf.push(Math.max(0, i - 1));
          pendingSpace = false;
        }
        chars.push(char);
        nodeOf.push(index);
        offsetOf.push(i);
      }
    });
    return { text: chars.join(""), nodeOf: Int32Array.from(nodeOf), offsetOf: Int32Array.from(offsetOf) };
  }

  /** The report counts characters as Python does (code points); this text is UTF-16, where
   *  a character outside the Basic Multilingual Plane (an emoji) takes two units.  Map a
   *  code-point offset to a UTF-16 one (the identity for text without such characters). */
  function unitOffset(offset) {
    if (state.units === undefined) state.units = unitsOf(state.text); // once per text read
    if (state.units === null) return offset;
    return offset < state.units.length ? state.units[offset] : state.text.length;
  }

  /** For each code point of ``text``, where its UTF-16 units start (and the length at the
   *  end); null when every code point is one unit. */
  function unitsOf(text) {
    if (!/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) return null;
    const units = [];
    for (let i = 0; i < text.length; i++) {
      units.push(i);
      const code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) i++; // one code point, two units
      }
    }
    units.push(text.length);
    return Int32Array.from(units);
  }

  /** The article's own headline: its first block when that is an <h1>, which then is
   *  the title and not part of the body (Readability often keeps it in the content). */
  function splitHeadline(nodes) {
    if (!nodes.length) return { headline: null, body: nodes };
    const first = blockOf(nodes[0]);
    if (!first || first.tagName.toUpperCase() !== "H1") return { headline: null, body: nodes };
    const rest = nodes.filter((node) => !first.contains(node));
    const headline = first.textContent.replace(/\s+/g, " ").trim();
    return { headline: headline || null, body: rest };
  }

  /** Readability sets the page's byline and publication time apart from the article's
   *  text (a <p class="byline"> is not in its content; an author or date given only in
   *  the page's markup never is).  credlib reads both from an HTML page too, so the text
   *  sent starts with them, as a "By …" line and a "Published …" line, when the text does
   *  not have them already; those lines map to no text node and are never marked. */
  function withPreface(found, built) {
    const lines = [];
    const lower = built.text.toLowerCase();
    const byline = (found.byline || "").replace(/\s+/g, " ").trim();
    if (byline && byline.length <= 80 && !lower.includes(byline.toLowerCase().replace(/^by\s+/, ""))) {
      lines.push(/^by\b/i.test(byline) ? byline : `By ${byline}`);
    }
    const published = (found.published || "").trim();
    if (published && published.length <= 60 && !lower.includes(published.toLowerCase())) lines.push(`Published ${published}`);
    if (!lines.length) return built;
    const preface = lines.join("\n") + "\n\n";
    const pad = (array) => Int32Array.from([...new Array(preface.length).fill(-1), ...array]);
    return { text: preface + built.text, nodeOf: pad(built.nodeOf), offsetOf: pad(built.offsetOf) };
  }

  /** The article's text nodes and the text to send, read from the page as it is now. */
  function read() {
    const found = articleNodes();
    const { headline, body } = splitHeadline(found.nodes);
    return { found, headline, body, built: withPreface(found, buildText(body)) };
  }

  function extract() {
    clear();
    const { found, headline, body, built } = read();
    state = { nodes: body, ...built };
    return { title: (headline || found.title || "").trim(), text: built.text, url: location.href };
  }

  function ensureStyle() {
    if (document.getElementById(STYLE_ID)) return;
    const style = document.createElement("style");
    style.id = STYLE_ID;
    // Inline marks with no padding or margin: the page's layout does not move.
    style.textContent =
      `mark.${MARK_CLASS}{background:rgba(255,202,40,.55);color:inherit;padding:0;margin:0;border-radius:2px;` +
      `box-shadow:0 1px 0 rgba(179,38,30,.7)}mark.${MARK_CLASS}[data-severity="info"]{background:rgba(129,201,149,.45)}` +
      // A mark reached with the Tab key shows its explanation below it (a hover shows the
      // title); relative positioning of an inline element moves nothing around it.
      `mark.${MARK_CLASS}[data-tip]{position:relative}` +
      `mark.${MARK_CLASS}:focus{outline:2px solid #1a73e8;outline-offset:1px}` +
      `mark.${MARK_CLASS}[data-tip]:focus::after{content:attr(data-tip);position:absolute;left:0;top:calc(100% + 4px);` +
      "z-index:2147483647;width:max-content;max-width:min(24em,80vw);padding:.4em .6em;border-radius:4px;" +
      "background:#202124;color:#fff;font:400 13px/1.4 system-ui,sans-serif;text-align:left;text-indent:0;" +
      "white-space:normal;box-shadow:0 2px 6px rgba(0,0,0,.3);pointer-events:none}";
    (document.head || document.documentElement).appendChild(style);
  }

  /** Where a finding is in the sent text: its own offsets if they still hold, else a search. */
  function locate(finding) {
    const { text } = state;
    const start = unitOffset(finding.start);
    const end = unitOffset(finding.end);
    if (text.slice(start, end) === finding.text) return [start, end];
    const needle = finding.text.replace(/\s+/g, " ");
    let best = -1;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      if (best < 0 || Math.abs(at - start) < Math.abs(best - start)) best = at;
    }
    return best < 0 ? null : [best, best + needle.length];
  }

  /** Split [start, end) of the sent text into (text node, from, to) pieces. */
  function pieces(start, end) {
    const out = [];
    for (let i = start; i < end; i++) {
      const index = state.nodeOf[i];
      if (index < 0) continue;
      const offset = state.offsetOf[i];
      const last = out[out.length - 1];
      if (last && last.index === index) last.to = offset + 1;
      else out.push({ index, from: offset, to: offset + 1 });
    }
    return out.map((p) => ({ node: state.nodes[p.index], from: p.from, to: p.to }));
  }

  /** Wrap one piece of a finding in a mark.  The finding's first piece is the one the Tab
   * key reaches (once per finding) and that shows the explanation while it has focus. */
  function wrap(node, from, to, finding, number, first) {
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, Math.min(to, node.length));
    const mark = document.createElement("mark");
    mark.className = MARK_CLASS;
    mark.dataset.finding = String(number);
    mark.dataset.signal = finding.signal || "";
    mark.dataset.severity = finding.severity || "warning";
    mark.title = finding.tip || finding.message || "";
    if (first) {
      mark.tabIndex = 0;
      mark.dataset.tip = mark.title;
    }
    range.surroundContents(mark);
  }

  /** Mark each finding's text in the page. findings: [{start, end, text, signal, message, tip}]. */
  function highlight(findings) {
    const sent = state ? state.text : null;
    clear();
    // Marks are undone by clear(), which rejoins split text nodes; map again so the
    // offsets refer to the page as it is now, and check that the text is unchanged.
    const { body, built } = read();
    state = { nodes: body, ...built };
    const pageChanged = sent !== null && sent !== state.text;
    ensureStyle();
    const located = [];
    findings.forEach((finding, number) => {
      const span = locate(finding);
      if (span) located.push({ finding, number, start: span[0], end: span[1] });
    });
    located.sort((a, b) => a.start - b.start || b.end - a.end);
    // Overlapping findings: the first keeps the words; nested marks would break tooltips.
    const kept = [];
    let reached = -1;
    for (const item of located) {
      if (item.start >= reached) {
        kept.push(item);
        reached = item.end;
      }
    }
    // Last to first: splitting a text node keeps the earlier part in the original node,
    // so the offsets of the findings before stay valid.  A finding in the lines sent
    // before the article's text (its byline, its date) has no text node to mark.
    let marked = 0;
    for (const item of kept.slice().reverse()) {
      const parts = pieces(item.start, item.end);
      for (let i = parts.length - 1; i >= 0; i--) {
        wrap(parts[i].node, parts[i].from, parts[i].to, item.finding, item.number, i === 0);
      }
      if (parts.length) marked++;
    }
    return { marked, located: located.length, total: findings.length, pageChanged };
  }

  function clear() {
    const marks = document.querySelectorAll(`mark.${MARK_CLASS}`);
    const parents = new Set();
    marks.forEach((mark) => {
      const parent = mark.parentNode;
      if (!parent) return;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parents.add(parent);
    });
    parents.forEach((parent) => parent.normalize());
    const style = document.getElementById(STYLE_ID);
    if (style) style.remove();
    return { removed: marks.length };
  }

  globalThis.__credlib = Object.freeze({ extract, highlight, clear });
})();
