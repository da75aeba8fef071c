// The zip writer under backpressure: a stream whose buffer fills on every write still gets every part whole.
import { Writable } from "stream";
import JSZip from "jszip";
import { ZipWriter } from "../../src/xlsx/zip";

describe("ZipWriter", () => {
  it("writes a part's data even when its local header alone fills the output's buffer", async () => {
    const chunks: Buffer[] = [];
    // A 1-byte buffer: every write reports backpressure, as a file stream does once 16 KB are pending.
    const output = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        setImmediate(done);
      },
    });
    const zip = new ZipWriter(output);
    await zip.addFile("a.xml", Buffer.from("<a>first</a>"));
    await zip.addFile("b.xml", Buffer.from("<b>second</b>".repeat(100)));
    const streamed = zip.streamFile("c.xml");
    await streamed.write(Buffer.from("<c>third</c>"));
    await streamed.end();
    await zip.finish();
    const read = await JSZip.loadAsync(Buffer.concat(chunks));
    expect(await read.file("a.xml")!.async("string")).toBe("<a>first</a>");
    expect(await read.file("b.xml")!.async("string")).toBe("<b>second</b>".repeat(100));
    expect(await read.file("c.xml")!.async("string")).toBe("<c>third</c>");
  });
});
