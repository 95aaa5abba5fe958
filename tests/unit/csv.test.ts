import { describe, expect, it } from "vitest";
import { csvResponse, toCsv, type CsvColumn } from "../../server/lib/csv";

interface Row {
  memo: string | null | undefined;
  amount: number;
  at?: Date;
  ok?: boolean;
}

const columns: CsvColumn<Row>[] = [
  { header: "Memo", value: (row) => row.memo },
  { header: "Amount, µcr", value: (row) => row.amount },
  { header: "At", value: (row) => row.at },
  { header: "OK", value: (row) => row.ok },
];

const line = (row: Row) => toCsv([row], columns).split("\r\n")[1];

describe("toCsv", () => {
  it("writes a header and CRLF-terminated lines, quoting only what needs it", () => {
    const csv = toCsv([{ memo: "plain", amount: 1_500_000, at: new Date("2025-01-02T03:04:05Z"), ok: true }], columns);
    expect(csv).toBe('Memo,"Amount, µcr",At,OK\r\nplain,1500000,2025-01-02T03:04:05.000Z,true\r\n');
  });

  it("quotes commas, quotes (doubled) and line breaks", () => {
    expect(line({ memo: "a,b", amount: 0 })).toBe('"a,b",0,,');
    expect(line({ memo: 'say "hi"', amount: 0 })).toBe('"say ""hi""",0,,');
    expect(toCsv([{ memo: "two\nlines", amount: 0 }], columns)).toContain('"two\nlines",0,,');
  });

  it("writes null and undefined as empty cells", () => {
    expect(line({ memo: null, amount: 0 })).toBe(",0,,");
    expect(line({ memo: undefined, amount: 0 })).toBe(",0,,");
  });

  it.each([
    ["=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "\"'\rcmd\""],
  ])("neutralises the formula %j", (memo, cell) => {
    expect(line({ memo, amount: 0 })).toBe(`${cell},0,,`);
  });

  it("leaves negative numbers alone: only text can be a formula", () => {
    expect(line({ memo: "refund", amount: -5 })).toBe("refund,-5,,");
  });

  it("an empty list is just the header", () => {
    expect(toCsv([], columns)).toBe('Memo,"Amount, µcr",At,OK\r\n');
  });
});

describe("csvResponse", () => {
  it("downloads as a CSV attachment under a safe file name, never cached", async () => {
    const response = csvResponse('usage "March"/2025.csv', "a,b\r\n");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="usage__March__2025.csv"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("a,b\r\n");
  });
});
