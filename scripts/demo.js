// `npm run demo`: the monthly S&OP cycle on the sample workbook, two months of it, with the command line.
// The plans of two months ago and of last month (from November and from December 2026, with the teams' inputs) are saved as versions; this
// month December's actuals are in, the forecast changes, the first two months stay as last month agreed
// (frozen), and the plan is compared with last month's, with two what-ifs (more demand, an assembly line
// down), and the versions of the two months before are measured against the actuals by lag.
"use strict";
const fs = require("fs");
const path = require("path");
const { sampleEarlierMonth, sampleNextMonth, SAMPLE_FROZEN_PERIODS } = require("../lib/workbook/sample");
const { findVersionsBlock, layoutVersionsSheet, parseVersions } = require("../lib/workbook/versions");
const { readWorkbookBlocks } = require("../lib/xlsx/reader");
const { writeWorkbook } = require("../lib/xlsx/writer");
const { main } = require("../lib/cli/main");

async function demo() {
  const monthBefore = path.resolve("sop-demo-two-months-ago.xlsx");
  const monthBeforePlan = path.resolve("sop-demo-two-months-ago-plan.xlsx");
  const lastMonth = path.resolve("sop-demo-last-month.xlsx");
  const lastPlan = path.resolve("sop-demo-last-month-plan.xlsx");
  const input = path.resolve("sop-demo-input.xlsx");
  const output = path.resolve("sop-demo-plan.xlsx");
  const name = (file) => path.basename(file);

  // Two months ago and last month: the sample as it stood then (with Sales' and Marketing's inputs), each planned and saved as a version.
  fs.writeFileSync(monthBefore, await writeWorkbook(sampleEarlierMonth(2)));
  console.log(`Two months ago and last month: the sample workbook as it stood then (2 families, 12 months from Nov 2026 and from Dec 2026, 34 and 35 months`);
  console.log(`of actuals, Sales' and Marketing's inputs), each planned and saved as a version: "Oct 2026", "Nov 2026".\n`);
  console.log(`$ sop-plan ${name(monthBefore)} -o ${name(monthBeforePlan)} --save-version "Oct 2026" -q`);
  let status = await main([monthBefore, "-o", monthBeforePlan, "--save-version", "Oct 2026", "-q"]);
  if (status !== 0) return (process.exitCode = status);
  const october = parseVersions(findVersionsBlock(await readWorkbookBlocks(monthBeforePlan))).versions;
  fs.writeFileSync(lastMonth, await writeWorkbook({ sheets: [...sampleEarlierMonth(1).sheets, layoutVersionsSheet(october).sheet] }));
  console.log(`$ sop-plan ${name(lastMonth)} -o ${name(lastPlan)} --save-version "Nov 2026" -q`);
  status = await main([lastMonth, "-o", lastPlan, "--save-version", "Nov 2026", "-q"]);
  if (status !== 0) return (process.exitCode = status);

  // This month's workbook: December's actuals in, the forecast revised (Sales with one large override), a Scenarios table, and the saved versions.
  const { versions } = parseVersions(findVersionsBlock(await readWorkbookBlocks(lastPlan)));
  fs.writeFileSync(input, await writeWorkbook(sampleNextMonth([layoutVersionsSheet(versions).sheet])));
  console.log(
    `\nThis month: December's actuals in; drills' peak season 15 % stronger (Sales also wants 50 % more in November for a promotion: ` +
      `not in the consensus), garden tools' spring 10 % weaker, Jan and Feb frozen as agreed last month ` +
      `(Policy 'Frozen periods' ${SAMPLE_FROZEN_PERIODS}), two scenarios: ${name(input)}\n`,
  );
  console.log(`$ sop-plan ${name(input)} -o ${name(output)} --save-version "Dec 2026"\n`);
  status = await main([input, "-o", output, "--save-version", "Dec 2026"]);
  if (status === 0) {
    console.log(`\nOpen ${name(output)} in Excel or LibreOffice: 'SOP Executive summary' is the one page the review opens with;`);
    console.log("'SOP Variance' bridges the P&L margin from last month's version and sets the plan against the Budget; 'SOP Scenarios' sets the what-ifs side by side;");
    console.log("'SOP Demand review' sets each family's consensus against its statistical baseline from 36 months of Actuals");
    console.log("(the drills' stronger peak and the garden tools' spring, above the baseline's 95 % interval, are on the agenda),");
    console.log("measures the saved versions against November's and December's actuals by lag (WAPE, bias, tracking signal) and the value added");
    console.log("from naive to statistical, Sales, Marketing and the consensus;");
    console.log("'SOP Summary' compares the strategies, each 'SOP <family>' sheet charts and details its plans (live formulas;");
    console.log("the frozen months are marked 'frozen'),");
    console.log("'SOP Capacity', 'SOP Products', 'SOP Finance' and 'SOP Risks' hold the capacity check, the split, the money and the risks;");
    console.log("'SOP Versions' keeps both months' plans for next month's run. Every sheet prints landscape, one page wide.");
  }
  process.exitCode = status;
}

demo().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
