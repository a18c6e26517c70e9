/**
 * Places a letter's content on A4 pages with pdfkit: letterhead top left, the addressee in the
 * window of a DL window envelope (right), references, place and date, subject, body, tables with
 * right-aligned amounts, totals, payment box, signature, and the creditor's legal identity with the
 * page number at the bottom of every page.
 *
 * Fonts: the PDF standard Helvetica family (WinAnsi encoding; see win-ansi.ts). Output is
 * deterministic: no clock, the PDF dates and file ID derive from the letter date.
 */
import PDFDocument from 'pdfkit';
import type { ContentBlock, LetterContent, PaymentAside, TableColumn } from './letter-content';
import { toWinAnsi } from './win-ansi';

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
const LEFT = 20 * MM;
const RIGHT = PAGE.width - 18 * MM;
const WIDTH = RIGHT - LEFT;
const TOP = 14 * MM;
/**
 * Address zone for a DL (110 × 220 mm) window envelope, A4 folded in three: the window (45 × 100 mm,
 * 20 mm from the right edge) shows 110-190 mm from the left of the sheet and about 48-93 mm from its top.
 */
const WINDOW = { x: 110 * MM, y: 50 * MM, width: 80 * MM, height: 36 * MM };
/** Below the window's lowest visible line even when the folded sheet sits high in the envelope. */
const BODY_TOP = 95 * MM;
const FOOTER_Y = PAGE.height - 13 * MM;
const BOTTOM = FOOTER_Y - 9;

const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;
const COLOR = {
  text: '#1a1a1a',
  muted: '#5b6470',
  accent: '#1f3a5f',
  rule: '#c9d1db',
  headerFill: '#e8edf3',
  boxFill: '#f4f6f9',
} as const;
const BODY_SIZE = 9.5;
const BODY_GAP = 1.5;
const PARAGRAPH_SPACE = 6.5;

type Font = keyof typeof FONT;

interface TextStyle {
  font?: Font;
  size?: number;
  color?: string;
  width?: number;
  align?: 'left' | 'right' | 'center' | 'justify';
  lineGap?: number;
  characterSpacing?: number;
}

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  /** The PDF's creation and modification date (from the letter date: same input, same bytes). */
  date: Date;
  lang: string;
}

/** Draws `content` and resolves with the PDF bytes and the page count. */
export function layoutLetter(content: LetterContent, metadata: PdfMetadata): Promise<{ pdf: Buffer; pageCount: number }> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    lang: metadata.lang,
    displayTitle: true,
    info: {
      Title: metadata.title,
      Author: metadata.author,
      Subject: metadata.subject,
      Creator: 'Relance',
      Producer: 'Relance (pdfkit)',
      CreationDate: metadata.date,
      ModDate: metadata.date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  let pageCount: number;
  try {
    pageCount = new LetterLayout(doc, content).draw();
  } catch (error) {
    doc.end();
    return done.then(() => Promise.reject(error));
  }
  doc.end();
  return done.then((pdf) => ({ pdf, pageCount }));
}

class LetterLayout {
  private y = TOP;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly content: LetterContent,
  ) {}

  draw(): number {
    const c = this.content;
    this.drawFoldMarks();
    this.drawLetterhead();
    const referencesBottom = this.drawReferences(c.placeAndDate, c.references);
    this.drawRecipient();
    this.y = Math.max(referencesBottom + 10, BODY_TOP);

    if (c.sendingMention) {
      this.y = this.text(c.sendingMention, LEFT, this.y, { font: 'bold', size: 9, color: COLOR.accent, width: WIDTH }) + 7;
    }
    if (c.heading) {
      this.y += 2;
      this.y = this.text(c.heading, LEFT, this.y, { font: 'bold', size: 14.5, align: 'center', width: WIDTH, characterSpacing: 0.6, color: COLOR.accent });
      if (c.subheading) this.y = this.text(c.subheading, LEFT, this.y + 1, { font: 'italic', size: 9, align: 'center', width: WIDTH, color: COLOR.muted });
      this.y += 9;
    }
    if (c.showSubject) this.y = this.text(`${c.subjectLabel} ${c.subject}`, LEFT, this.y, { font: 'bold', size: 9.8, width: WIDTH }) + 9;
    if (c.salutation) this.y = this.text(c.salutation, LEFT, this.y, this.body()) + PARAGRAPH_SPACE;

    c.blocks.forEach((block, i) => {
      // The payment box, closing and signature end the letter together: never a lone signature on a page.
      const last = i === c.blocks.length - 1;
      this.drawBlock(block, last ? this.closingHeight() : 0);
    });
    if (c.closing || c.signature) this.drawClosing();
    return this.drawPageFrames();
  }

  // --- page furniture -----------------------------------------------------------------------------

  /** Small marks on the left edge where the sheet is folded in three for a DL envelope. */
  private drawFoldMarks(): void {
    this.doc.save().lineWidth(0.4).strokeColor(COLOR.rule);
    for (const y of [99 * MM, 198 * MM]) this.doc.moveTo(0, y).lineTo(5 * MM, y).stroke();
    this.doc.restore();
  }

  private drawLetterhead(): void {
    const { name, lines } = this.content.letterhead;
    let y = this.text(name, LEFT, TOP, { font: 'bold', size: 14, color: COLOR.accent, width: WINDOW.x - LEFT - 10 });
    y += 3;
    this.doc.save().lineWidth(1.2).strokeColor(COLOR.accent).moveTo(LEFT, y).lineTo(LEFT + 36, y).stroke().restore();
    y += 5;
    this.text(lines.join('\n'), LEFT, y, { size: 8.3, color: COLOR.muted, width: WINDOW.x - LEFT - 10, lineGap: 1 });
  }

  /** Place and date, then label / value pairs, in the left column beside the address window; returns the bottom. */
  private drawReferences(placeAndDate: string | undefined, references: Array<[string, string]>): number {
    const width = WINDOW.x - LEFT - 18;
    const labelWidth = 72;
    let y = WINDOW.y;
    if (placeAndDate) y = this.text(placeAndDate, LEFT, y, { size: BODY_SIZE, width }) + 9;
    for (const [label, value] of references) {
      const labelBottom = this.text(label, LEFT, y, { font: 'bold', size: 8.2, color: COLOR.muted, width: labelWidth - 4 });
      const valueBottom = this.text(value, LEFT + labelWidth, y, { size: 8.2, width: width - labelWidth, lineGap: 0.8 });
      y = Math.max(labelBottom, valueBottom) + 3.5;
    }
    return y;
  }

  private drawRecipient(): void {
    const [name, ...rest] = this.content.recipient;
    const fits = (size: number) =>
      this.measure(name, { font: 'bold', size, width: WINDOW.width }) + this.measure(rest.join('\n'), { size, width: WINDOW.width, lineGap: 1 }) <=
      WINDOW.height;
    const size = [10, 9.5, 9, 8].find(fits) ?? 8;
    const y = this.text(name, WINDOW.x, WINDOW.y, { font: 'bold', size, width: WINDOW.width });
    this.text(rest.join('\n'), WINDOW.x, y, { size, width: WINDOW.width, lineGap: 1 });
  }

  /** Continuation header, footer and page numbers on every page; returns the page count. */
  private drawPageFrames(): number {
    const { start, count } = this.doc.bufferedPageRange();
    const fr = this.content.language === 'fr';
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      this.doc.save().lineWidth(0.5).strokeColor(COLOR.rule).moveTo(LEFT, FOOTER_Y - 4).lineTo(RIGHT, FOOTER_Y - 4).stroke().restore();
      const pageLabel = fr ? `Page ${i - start + 1}/${count}` : `Page ${i - start + 1} of ${count}`;
      this.text(pageLabel, RIGHT - 60, FOOTER_Y, { size: 7.2, color: COLOR.muted, width: 60, align: 'right' });
      this.text(this.content.footer.join('\n'), LEFT, FOOTER_Y, { size: 7.2, color: COLOR.muted, width: WIDTH - 70, lineGap: 0.5 });
    }
    return count;
  }

  private newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    const header = `${this.content.letterhead.name} – ${this.content.subject}`;
    const bottom = this.text(header, LEFT, TOP, { size: 7.5, color: COLOR.muted, width: WIDTH });
    this.doc.save().lineWidth(0.5).strokeColor(COLOR.rule).moveTo(LEFT, bottom + 3).lineTo(RIGHT, bottom + 3).stroke().restore();
    this.y = bottom + 16;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  private ensureSpace(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  // --- blocks -------------------------------------------------------------------------------------

  private drawBlock(block: ContentBlock, keepWithClosing: number): void {
    switch (block.type) {
      case 'paragraph': {
        const style = block.style === 'strong' ? this.body('bold') : block.style === 'note' ? this.body('italic', 8.5) : this.body();
        if (block.style === 'note') style.color = COLOR.muted;
        this.ensureSpace(this.measure(block.text, style) + (block.keepWithNext ? 60 : 0) + keepWithClosing);
        this.y = this.text(block.text, LEFT, this.y, style) + PARAGRAPH_SPACE;
        return;
      }
      case 'caption':
        this.ensureSpace(18 + 40); // keep a caption with the start of its table
        this.y = this.text(block.text, LEFT, this.y + 2, { font: 'bold', size: 10, color: COLOR.accent, width: WIDTH }) + 4;
        return;
      case 'table':
        this.drawTable(block.columns, block.rows, block.totalRow);
        return;
      case 'totals':
        this.drawTotals(block.lines, block.aside, keepWithClosing);
        return;
      case 'payment':
        this.drawPayment(block.title, block.bank, keepWithClosing);
        return;
    }
  }

  private drawTable(columns: TableColumn[], rows: string[][], totalRow?: string[]): void {
    const size = 8.5;
    const padX = 4;
    const padY = 3.2;
    const widths = this.columnWidths(columns, rows, totalRow, size, padX);
    const xs = widths.map((_, i) => LEFT + widths.slice(0, i).reduce((sum, w) => sum + w, 0));
    const rowHeight = (cells: string[], font: Font) =>
      Math.max(...cells.map((cell, i) => this.measure(cell, { font, size, width: widths[i] - 2 * padX, lineGap: 0.8 }))) + 2 * padY;

    const drawRow = (cells: string[], font: Font, kind: 'header' | 'row' | 'total') => {
      const height = rowHeight(cells, font);
      if (kind === 'header') this.doc.save().rect(LEFT, this.y, WIDTH, height).fill(COLOR.headerFill).restore();
      if (kind === 'total') this.line(LEFT, RIGHT, this.y, 0.9, COLOR.accent);
      cells.forEach((cell, i) =>
        this.text(cell, xs[i] + padX, this.y + padY, {
          font,
          size,
          width: widths[i] - 2 * padX,
          align: columns[i].align,
          lineGap: 0.8,
          color: kind === 'header' ? COLOR.accent : COLOR.text,
        }),
      );
      this.y += height;
      if (kind !== 'total') this.line(LEFT, RIGHT, this.y, 0.5, COLOR.rule);
    };
    const header = columns.map((column) => column.header);
    const headerHeight = rowHeight(header, 'bold');

    this.ensureSpace(headerHeight + rowHeight(rows[0] ?? header, 'regular'));
    drawRow(header, 'bold', 'header');
    for (const row of rows) {
      if (this.y + rowHeight(row, 'regular') > BOTTOM) {
        this.newPage();
        drawRow(header, 'bold', 'header');
      }
      drawRow(row, 'regular', 'row');
    }
    if (totalRow) {
      this.ensureSpace(rowHeight(totalRow, 'bold'));
      drawRow(totalRow, 'bold', 'total');
    }
    this.y += PARAGRAPH_SPACE + 2;
  }

  /** Widths in proportion to the weights, then 'nowrap' columns widened to their widest cell at the expense of the 'flex' one. */
  private columnWidths(columns: TableColumn[], rows: string[][], totalRow: string[] | undefined, size: number, padX: number): number[] {
    const totalWeight = columns.reduce((sum, column) => sum + column.weight, 0);
    const widths = columns.map((column) => (WIDTH * column.weight) / totalWeight);
    const flex = columns.findIndex((column) => column.fit === 'flex');
    columns.forEach((column, i) => {
      if (column.fit !== 'nowrap') return;
      const cells = [...rows.map((row) => [row[i], FONT.regular]), ...(totalRow ? [[totalRow[i], FONT.bold]] : [])];
      const widest = Math.max(0, ...cells.map(([cell, font]) => this.doc.font(font).fontSize(size).widthOfString(toWinAnsi(cell)))) + 2 * padX + 0.5;
      if (widest <= widths[i] || flex < 0) return;
      const taken = Math.min(widest - widths[i], widths[flex] - 60); // the flex column keeps at least 60 pt
      widths[i] += Math.max(0, taken);
      widths[flex] -= Math.max(0, taken);
    });
    return widths;
  }

  /** Right-aligned amounts under each other, the total highlighted; the payment details boxed to their left. */
  private drawTotals(lines: Array<{ label: string; value: string; strong?: boolean }>, aside: PaymentAside | undefined, keepWith: number): void {
    const width = 290;
    const valueWidth = 84;
    const labelWidth = width - valueWidth - 12;
    const x = RIGHT - width;
    const heights = lines.map((line) => this.measure(line.label, { font: line.strong ? 'bold' : 'regular', size: 9.3, width: labelWidth }) + 5.5);
    const totalsHeight = heights.reduce((sum, h) => sum + h, 0) + lines.filter((line) => line.strong).length * 2;

    const asideWidth = x - LEFT - 14;
    const pad = 7;
    const asideLines = (aside?.lines ?? []).map(([label, value]) => ({
      label,
      value,
      height: 8.5 + this.measure(value, { font: 'bold', size: 8.8, width: asideWidth - 2 * pad }) + 3,
    }));
    const asideTitleHeight = aside ? this.measure(aside.title, { font: 'bold', size: 8.8, width: asideWidth - 2 * pad }) + 4 : 0;
    const asideHeight = aside ? pad + asideTitleHeight + asideLines.reduce((sum, line) => sum + line.height, 0) + pad - 3 : 0;
    this.ensureSpace(Math.max(totalsHeight, asideHeight) + 6 + keepWith);
    const top = this.y;

    if (aside) {
      this.drawBox(LEFT, top, asideWidth, asideHeight);
      this.text(aside.title, LEFT + pad, top + pad, { font: 'bold', size: 8.8, color: COLOR.accent, width: asideWidth - 2 * pad });
      let y = top + pad + asideTitleHeight;
      for (const line of asideLines) {
        this.text(line.label, LEFT + pad, y, { size: 7.2, color: COLOR.muted, width: asideWidth - 2 * pad });
        this.text(line.value, LEFT + pad, y + 8.5, { font: 'bold', size: 8.8, width: asideWidth - 2 * pad });
        y += line.height;
      }
    }

    lines.forEach((line, i) => {
      const font: Font = line.strong ? 'bold' : 'regular';
      const color = line.strong ? COLOR.accent : COLOR.text;
      if (line.strong) {
        this.doc.save().rect(x, this.y, width, heights[i] + 2).fill(COLOR.headerFill).restore();
        this.line(x, RIGHT, this.y, 0.9, COLOR.accent);
      }
      const textTop = this.y + 3.2;
      this.text(line.label, x + 6, textTop, { font, size: 9.3, width: labelWidth, color });
      this.text(line.value, RIGHT - valueWidth - 6, textTop, { font, size: 9.3, width: valueWidth, align: 'right', color });
      this.y += heights[i] + (line.strong ? 2 : 0);
      if (!line.strong && i < lines.length - 1 && !lines[i + 1].strong) this.line(x, RIGHT, this.y, 0.3, COLOR.rule);
    });
    this.y = Math.max(this.y, top + asideHeight) + PARAGRAPH_SPACE + 2;
  }

  /** A full-width box: the bank details and reference side by side (the IBAN, widest, first). */
  private drawPayment(title: string, bank: Array<[string, string]>, keepWith: number): void {
    const pad = 8;
    const gap = 12;
    const inner = WIDTH - 2 * pad;
    const weights = bank.map((_, i) => (i === 0 ? 2.3 : 1.4));
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
    const widths = weights.map((weight) => ((inner - gap * (bank.length - 1)) * weight) / totalWeight);
    const xs = widths.map((_, i) => LEFT + pad + widths.slice(0, i).reduce((sum, w) => sum + w + gap, 0));
    const titleHeight = this.measure(title, { font: 'bold', size: 9.3, width: inner }) + 4;
    const rowHeight = Math.max(...bank.map(([, value], i) => 9 + this.measure(value, { font: 'bold', size: 9.2, width: widths[i] })));
    const height = pad + titleHeight + rowHeight + pad;
    this.ensureSpace(height + 4 + keepWith);
    const top = this.y;
    this.drawBox(LEFT, top, WIDTH, height);
    this.text(title, LEFT + pad, top + pad, { font: 'bold', size: 9.3, color: COLOR.accent, width: inner });
    bank.forEach(([label, value], i) => {
      this.text(label, xs[i], top + pad + titleHeight, { size: 7.3, color: COLOR.muted, width: widths[i] });
      this.text(value, xs[i], top + pad + titleHeight + 9, { font: 'bold', size: 9.2, width: widths[i] });
    });
    this.y = top + height + PARAGRAPH_SPACE + 3;
  }

  private drawBox(x: number, y: number, width: number, height: number): void {
    this.doc.save().lineWidth(0.6).roundedRect(x, y, width, height, 3).fillAndStroke(COLOR.boxFill, COLOR.rule).restore();
  }

  private closingHeight(): number {
    const { closing, signature } = this.content;
    return (closing ? this.measure(closing, this.body()) + 8 : 0) + (signature ? 12 + 32 + 12 + 12 : 0);
  }

  private drawClosing(): void {
    const { closing, signature } = this.content;
    this.ensureSpace(this.closingHeight());
    if (closing) this.y = this.text(closing, LEFT, this.y, this.body()) + 8;
    if (!signature) return;
    const x = WINDOW.x;
    const width = RIGHT - x;
    this.y = this.text(signature.onBehalfOf, x, this.y, { size: BODY_SIZE, width });
    if (signature.image) {
      const image = Buffer.from(signature.image.buffer, signature.image.byteOffset, signature.image.byteLength);
      this.doc.image(image, x, this.y + 2, { fit: [150, 28] });
    }
    this.y += 32;
    this.y = this.text(signature.name, x, this.y, { font: 'bold', size: BODY_SIZE, width });
    this.y = this.text(signature.title, x, this.y, { size: BODY_SIZE, width, color: COLOR.muted });
  }

  // --- primitives ---------------------------------------------------------------------------------

  private body(font: Font = 'regular', size = BODY_SIZE): TextStyle {
    return { font, size, width: WIDTH, align: 'justify', lineGap: BODY_GAP };
  }

  private apply(style: TextStyle): void {
    this.doc.font(FONT[style.font ?? 'regular']).fontSize(style.size ?? BODY_SIZE).fillColor(style.color ?? COLOR.text);
  }

  private measure(text: string, style: TextStyle): number {
    this.apply(style);
    return this.doc.heightOfString(toWinAnsi(text), { width: style.width, lineGap: style.lineGap ?? 0, characterSpacing: style.characterSpacing });
  }

  /** Draws text at (x, y) and returns the y below it. */
  private text(text: string, x: number, y: number, style: TextStyle): number {
    if (text === '') return y;
    this.apply(style);
    const safe = toWinAnsi(text);
    const options = { width: style.width, align: style.align ?? 'left', lineGap: style.lineGap ?? 0, characterSpacing: style.characterSpacing };
    const height = this.doc.heightOfString(safe, options);
    this.doc.text(safe, x, y, options);
    return y + height;
  }

  private line(x1: number, x2: number, y: number, width: number, color: string): void {
    this.doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  }
}
