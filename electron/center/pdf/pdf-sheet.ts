import { readFileSync } from 'node:fs';
import { create as openFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * Noto Sans SC (SIL OFL 1.1), read from node_modules at run time: a fresh center machine may have
 * no Chinese font at all, and bundling 10 MB of font into center.js would make every start read it.
 * Opened once for every PDF (pdfkit takes an open fontkit font): opening it per PDF cost 2-3 times
 * the render. pdfkit embeds only the glyphs a PDF uses.
 */
const FONT_MODULE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
let cjkFont: Font | undefined;
function sharedCjkFont(): Font {
  if (!cjkFont) {
    const opened = openFont(readFileSync(require.resolve(FONT_MODULE)));
    // A .ttf is one font; a collection here would mean the package changed under us.
    if (!('layout' in opened)) throw new Error(`${FONT_MODULE} is a font collection, not one font`);
    cjkFont = opened;
  }
  return cjkFont;
}

/**
 * The text with each character the font cannot draw written as [U+XXXX]: a rare character in a name
 * (CJK Extension B and beyond, which Noto Sans SC lacks) would print as an empty box, and a record
 * that silently loses part of a name is worse than one that spells out which character it was.
 */
export function printable(text: string, font: Pick<Font, 'hasGlyphForCodePoint'> = sharedCjkFont()): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code < 0x20 || font.hasGlyphForCodePoint(code) ? ch : `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
  }
  return out;
}

const MARGIN = 40;
const CELL_PAD = 3;
const BODY_SIZE = 9;

export interface Column {
  header: string;
  /** Share of the page's width; a table's shares add up to 1. */
  share: number;
}

/** What a sheet is drawn with: plain A4 text and bordered tables that break across pages. */
export interface SheetWriter {
  title(text: string): void;
  heading(text: string): void;
  /** `label：value` pairs, two to a line. */
  facts(pairs: readonly (readonly [string, string])[]): void;
  line(text: string): void;
  table(columns: readonly Column[], rows: readonly (readonly string[])[], empty: string): void;
}

/**
 * One A4 PDF drawn by `draw`, its creation date fixed to `at` so the same day archived twice gives
 * the same bytes for the same facts.
 */
export function renderSheet(meta: { title: string; at: Date }, draw: (sheet: SheetWriter) => void): Promise<Uint8Array> {
  // font: null keeps pdfkit from loading Helvetica's metrics into every PDF (its typings omit null).
  const noDefaultFont = { font: null } as unknown as { font: string };
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, ...noDefaultFont, info: { Title: meta.title, Creator: 'ExamDay 考务现场', CreationDate: meta.at } });
  // pdfkit accepts an open fontkit font (it checks for layout()); its typings list only files and bytes.
  doc.registerFont('cjk', sharedCjkFont() as unknown as ArrayBuffer);
  doc.font('cjk').fontSize(BODY_SIZE);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = (): number => doc.page.height - MARGIN;
  const room = (height: number): void => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  const sheet: SheetWriter = {
    title(raw) {
      const text = printable(raw);
      doc.fontSize(16).text(text, MARGIN, doc.y, { width, align: 'center' });
      doc.fontSize(BODY_SIZE).moveDown(0.5);
    },
    heading(raw) {
      const text = printable(raw);
      // A heading is not left alone at the foot of a page: it keeps its table's header and first row.
      room(70);
      doc.moveDown(0.6).fontSize(11).text(text, MARGIN, doc.y, { width });
      doc.fontSize(BODY_SIZE).moveDown(0.2);
    },
    facts(pairs) {
      for (let i = 0; i < pairs.length; i += 2) {
        const row = pairs.slice(i, i + 2).map(([label, value]) => printable(`${label}：${value}`));
        const heights = row.map((t) => doc.heightOfString(t, { width: width / 2 - 6 }));
        room(Math.max(...heights));
        const y = doc.y;
        row.forEach((t, j) => doc.text(t, MARGIN + (j * width) / 2, y, { width: width / 2 - 6 }));
        doc.x = MARGIN;
        doc.y = y + Math.max(...heights) + 2;
      }
    },
    line(raw) {
      const text = printable(raw);
      room(doc.heightOfString(text, { width }));
      doc.text(text, MARGIN, doc.y, { width });
    },
    table(columns, rows, empty) {
      const widths = columns.map((c) => c.share * width);
      const headers = columns.map((c) => c.header);
      const drawRow = (raw: readonly string[], isHeader: boolean): void => {
        const cells = raw.map((cell) => printable(cell));
        const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * CELL_PAD }))) + 2 * CELL_PAD;
        if (doc.y + height > bottom()) {
          doc.addPage();
          if (!isHeader) drawRow(headers, true);
        }
        const y = doc.y;
        let x = MARGIN;
        cells.forEach((cell, i) => {
          const w = widths[i]!;
          if (isHeader) doc.rect(x, y, w, height).fillAndStroke('#eeeeee', '#000000').fillColor('#000000');
          else doc.rect(x, y, w, height).stroke();
          doc.text(cell, x + CELL_PAD, y + CELL_PAD, { width: w - 2 * CELL_PAD });
          x += w;
        });
        doc.x = MARGIN;
        doc.y = y + height;
      };
      room(40);
      doc.lineWidth(0.5);
      drawRow(headers, true);
      for (const row of rows) drawRow(row, false);
      if (rows.length === 0) sheet.line(empty);
      doc.moveDown(0.3);
    },
  };
  draw(sheet);
  // Each page names its sheet and its place, so a page that comes loose from the rest still says what it is.
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i += 1) {
    doc.switchToPage(pages.start + i);
    doc.page.margins.bottom = 0;
    doc.fontSize(8).text(printable(`${meta.title}　第 ${i + 1} 页 / 共 ${pages.count} 页`), MARGIN, doc.page.height - MARGIN + 12, { width, align: 'center' });
  }
  doc.end();
  return done;
}

/** A time as the site read it (its rules run on local time): 09:05, or — when there is none. */
export function clockText(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}
