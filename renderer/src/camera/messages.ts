import { useUiStore, type Language } from '../state/ui-store';

/** The camera's own strings, zh first; to be merged into the app's catalogues. */
export const cameraZh = {
  'camera.title': '摄像头扫码',
  'camera.choose': '摄像头',
  'camera.default': '默认摄像头',
  'camera.unnamed': '摄像头 {n}',
  'camera.start': '开始扫码',
  'camera.stop': '停止扫码',
  'camera.idle': '摄像头已关闭',
  'camera.starting': '正在打开摄像头…',
  'camera.scanning': '请将准考证或证件上的条码对准画面',
  'camera.lastCode': '刚读到：{code}',
  'camera.error.noCamera': '没有找到摄像头。请接好摄像头后点“开始扫码”，或改用扫码枪、手工输入。',
  'camera.error.denied': '摄像头权限被拒绝。请在浏览器或系统设置中允许本程序使用摄像头，再点“开始扫码”。',
  'camera.error.busy': '摄像头正被其他程序占用。请关闭其他使用摄像头的程序，再点“开始扫码”。',
  'camera.error.unsupported': '此环境不能使用摄像头（需要本机地址或应用窗口）。请改用扫码枪或手工输入。',
  'camera.error.failed': '摄像头无法打开：{reason}',
  'camera.error.decoder': '条码识别模块无法启动：{reason}',
} as const;

export type CameraMessageKey = keyof typeof cameraZh;

export const cameraEn: Record<CameraMessageKey, string> = {
  'camera.title': 'Camera scanning',
  'camera.choose': 'Camera',
  'camera.default': 'Default camera',
  'camera.unnamed': 'Camera {n}',
  'camera.start': 'Start scanning',
  'camera.stop': 'Stop scanning',
  'camera.idle': 'Camera off',
  'camera.starting': 'Opening the camera…',
  'camera.scanning': 'Hold the barcode of the ticket or ID up to the camera',
  'camera.lastCode': 'Just read: {code}',
  'camera.error.noCamera': 'No camera found. Plug one in and press “Start scanning”, or use the scanner or type the number.',
  'camera.error.denied': 'Camera permission was denied. Allow this app to use the camera in the browser or system settings, then press “Start scanning”.',
  'camera.error.busy': 'The camera is in use by another program. Close it, then press “Start scanning”.',
  'camera.error.unsupported': 'The camera cannot be used here (needs the local address or the app window). Use the scanner or type the number.',
  'camera.error.failed': 'The camera could not be opened: {reason}',
  'camera.error.decoder': 'The barcode decoder could not start: {reason}',
};

const CATALOGUES: Record<Language, Record<CameraMessageKey, string>> = { zh: cameraZh, en: cameraEn };

export type CameraTranslate = (key: CameraMessageKey, params?: Record<string, string | number>) => string;

export function translateCamera(language: Language, key: CameraMessageKey, params?: Record<string, string | number>): string {
  const text = CATALOGUES[language][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function useCameraT(): CameraTranslate {
  const language = useUiStore((s) => s.language);
  return (key, params) => translateCamera(language, key, params);
}
