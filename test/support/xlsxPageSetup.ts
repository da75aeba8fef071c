// The worksheet and workbook parts the .xlsx writer makes of one sheet, unzipped, for the page-setup tests.
import JSZip from "jszip";
import type { SheetSpec } from "../../src/workbook/sheet";
import { writeWorkbook } from "../../src/xlsx/writer";

export async function layoutPageSetupXmlForTest(sheet: SheetSpec): Promise<{ worksheet: string; workbook: string }> {
  const zip = await JSZip.loadAsync(await writeWorkbook({ sheets: [sheet] }));
  return { worksheet: await zip.file("xl/worksheets/sheet1.xml")!.async("string"), workbook: await zip.file("xl/workbook.xml")!.async("string") };
}
