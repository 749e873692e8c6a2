import { lazy, Suspense } from 'react';
import type { CameraScannerProps } from './CameraScannerView';

export type { CameraScannerProps, CameraStatus } from './CameraScannerView';

// The camera (viewfinder, decoder client, barcode formats) loads when a camera is first shown, so
// the app's first chunk carries none of it (issue 15 item 14).
const CameraScannerView = lazy(() => import('./CameraScannerView').then((m) => ({ default: m.CameraScanner })));

/** The camera scanner, loaded on first use; same props as the view. */
export function CameraScanner(props: CameraScannerProps) {
  return (
    <Suspense fallback={<div className="camera-loading" data-testid="camera-loading" />}>
      <CameraScannerView {...props} />
    </Suspense>
  );
}
