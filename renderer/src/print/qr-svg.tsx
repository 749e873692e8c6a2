import { BarcodeFormat, EncodeHintType, QRCodeWriter } from '@zxing/library';

/** A QR code drawn as SVG rectangles (crisp at any print size); `text` is the badge code. */
export function QrSvg({ text, sizeMm }: { text: string; sizeMm: number }) {
  const hints = new Map([[EncodeHintType.MARGIN, 1]]);
  const matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
  const n = matrix.getWidth();
  const cells: string[] = [];
  for (let y = 0; y < n; y += 1) for (let x = 0; x < n; x += 1) if (matrix.get(x, y)) cells.push(`M${x} ${y}h1v1h-1z`);
  return (
    <svg className="qr" viewBox={`0 0 ${n} ${n}`} width={`${sizeMm}mm`} height={`${sizeMm}mm`} shapeRendering="crispEdges" role="img" aria-label={text}>
      <rect width={n} height={n} fill="#fff" />
      <path d={cells.join('')} fill="#000" />
    </svg>
  );
}
