// `npm run bench`: runs every bench/*.bench.js in turn; each prints its own figures and ratios to a baseline measured in the same run.
"use strict";
const fs = require("fs");
const path = require("path");

async function runAll() {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.js"))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  if (files.length === 0) {
    console.log("no benchmarks match", only.join(" "));
    return;
  }
  for (const file of files) {
    console.log(`\n== ${file.replace(/\.bench\.js$/, "")} ==`);
    const bench = require(path.join(__dirname, file));
    await bench.run();
  }
}

runAll().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
