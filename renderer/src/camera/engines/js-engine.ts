import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
  type Result,
} from '@zxing/library';
import type { CameraFormat } from '../formats';
import type { GreyFrame } from '../luminance';
import type { DecodedCode } from '../protocol';

const JS_FORMATS: Readonly<Record<CameraFormat, BarcodeFormat>> = {
  'qr-code': BarcodeFormat.QR_CODE,
  'code-128': BarcodeFormat.CODE_128,
  'code-39': BarcodeFormat.CODE_39,
  pdf417: BarcodeFormat.PDF_417,
  'data-matrix': BarcodeFormat.DATA_MATRIX,
  'ean-13': BarcodeFormat.EAN_13,
  'ean-8': BarcodeFormat.EAN_8,
};

const FROM_JS = new Map<BarcodeFormat, CameraFormat>(
  Object.entries(JS_FORMATS).map(([format, js]) => [js, format as CameraFormat]),
);

const readers = new Map<string, MultiFormatReader>();

function readerFor(formats: readonly CameraFormat[]): MultiFormatReader {
  const key = formats.join(',');
  let reader = readers.get(key);
  if (!reader) {
    reader = new MultiFormatReader();
    const hints = new Map<DecodeHintType, unknown>([
      [DecodeHintType.POSSIBLE_FORMATS, formats.map((format) => JS_FORMATS[format])],
      [DecodeHintType.TRY_HARDER, true],
    ]);
    reader.setHints(hints);
    readers.set(key, reader);
  }
  return reader;
}

/** The first code of the given formats in the frame, or null (the pure-JavaScript @zxing/library). */
export function decodeWithJs(frame: GreyFrame, formats: readonly CameraFormat[]): DecodedCode | null {
  if (formats.length === 0) return null;
  const source = new RGBLuminanceSource(new Uint8ClampedArray(frame.data.buffer, frame.data.byteOffset, frame.width * frame.height), frame.width, frame.height);
  let result: Result;
  try {
    result = readerFor(formats).decodeWithState(new BinaryBitmap(new HybridBinarizer(source)));
  } catch {
    // @zxing/library throws NotFound, Checksum and Format exceptions for "no code here".
    return null;
  }
  const format = FROM_JS.get(result.getBarcodeFormat());
  if (!format) return null;
  const points = (result.getResultPoints() ?? []).map((point) => ({ x: point.getX(), y: point.getY() }));
  return { text: result.getText(), format, points, engine: 'js' };
}
