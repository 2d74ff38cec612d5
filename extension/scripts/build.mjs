// Copy what the extension needs out of node_modules into vendor/ (ignored by git):
// Mozilla's Readability and its licence.  Run by `make extension` after `npm ci`.
import { copyFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "node_modules", "@mozilla", "readability");
const target = join(root, "vendor");

if (!existsSync(join(source, "Readability.js"))) {
  console.error("node_modules/@mozilla/readability is missing: run `npm ci` in extension/ first");
  process.exit(1);
}
mkdirSync(target, { recursive: true });
copyFileSync(join(source, "Readability.js"), join(target, "Readability.js"));
copyFileSync(join(source, "LICENSE.md"), join(target, "Readability-LICENSE.md"));
console.log("extension/vendor/Readability.js ready");
