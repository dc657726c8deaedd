// Parses Terraform files offline with @cdktf/hcl2json (HashiCorp's HCL parser compiled
// to WebAssembly) and prints {"<file>": <HCL as JSON>, ...}. A syntax error names the
// file and line on stderr and exits 1. Usage: node hcl-parse.cjs FILE...
const fs = require("fs");
const { parse } = require("@cdktf/hcl2json");

(async () => {
  const parsed = {};
  let failed = false;
  for (const file of process.argv.slice(2)) {
    try {
      parsed[file] = await parse(file, fs.readFileSync(file, "utf8"));
    } catch (error) {
      failed = true;
      process.stderr.write(`${file}: ${String(error.message || error)}\n`);
    }
  }
  process.stdout.write(JSON.stringify(parsed));
  process.exit(failed ? 1 : 0);
})();
