#!/usr/bin/env node
// Entry point of the `sop-plan` command: runs the compiled command line in lib/ (built by `npm install`).
"use strict";
const path = require("path");
let cli;
try {
  cli = require(path.join(__dirname, "..", "lib", "cli", "main.js"));
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND") {
    process.stderr.write("sop-plan: the command line is not built yet; run `npm run build:cli` (npm install does it).\n");
    process.exit(2);
  }
  throw error;
}
cli.main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    process.stderr.write(`sop-plan: unexpected failure: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 3;
  },
);
