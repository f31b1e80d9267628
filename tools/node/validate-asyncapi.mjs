// Parse an AsyncAPI document with the AsyncAPI project's own parser (@asyncapi/parser) and exit
// non-zero when it reports a diagnostic of severity error (or the document cannot be read).
// Usage: node tools/node/validate-asyncapi.mjs FILE.json
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Parser, DiagnosticSeverity } = require("@asyncapi/parser");

const file = process.argv[2];
if (!file) {
  console.error("usage: validate-asyncapi.mjs FILE");
  process.exit(2);
}

const parser = new Parser();
const { document, diagnostics } = await parser.parse(await readFile(file, "utf8"), {
  source: file,
});
const name = (severity) => Object.keys(DiagnosticSeverity).find((k) => DiagnosticSeverity[k] === severity);
for (const d of diagnostics) {
  console.log(`${name(d.severity)} ${d.code} at ${d.path.join(".") || "/"}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
if (errors.length > 0 || document === undefined) {
  console.error(`${file}: ${errors.length} error(s); not a valid AsyncAPI document`);
  process.exit(1);
}
console.log(`${file}: valid AsyncAPI ${document.version()} (${diagnostics.length} other diagnostic(s))`);
