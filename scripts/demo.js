// `npm run demo`: writes the sample template workbook, plans it with the command line, prints the summary.
"use strict";
const fs = require("fs");
const path = require("path");
const { sampleTemplate } = require("../lib/workbook/sample");
const { writeWorkbook } = require("../lib/xlsx/writer");
const { main } = require("../lib/cli/main");

async function demo() {
  const input = path.resolve("sop-demo-input.xlsx");
  const output = path.resolve("sop-demo-plan.xlsx");
  fs.writeFileSync(input, await writeWorkbook(sampleTemplate()));
  console.log(`Sample template (2 families, 12 months): ${path.relative(process.cwd(), input)}\n`);
  console.log(`$ sop-plan ${path.basename(input)} -o ${path.basename(output)}\n`);
  const status = await main([input, "-o", output]);
  if (status === 0) {
    console.log(`\nOpen ${path.basename(output)} in Excel or LibreOffice: 'SOP Summary' compares the strategies;`);
    console.log("each 'SOP <family>' sheet charts the recommended plan above its period-by-period plans (live formulas);");
    console.log("'SOP Capacity', 'SOP Products', 'SOP Finance' and 'SOP Risks' hold the capacity check, the split, the money and the risks.");
  }
  process.exitCode = status;
}

demo().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
