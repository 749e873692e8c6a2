import type { InputHTMLAttributes } from 'react';

interface Props {
  label: string;
  testId: string;
  /** The chosen files, copied out before the input is emptied. */
  onFiles: (files: File[]) => void;
  accept?: string;
  variant?: 'primary' | 'secondary';
  /** A whole folder (the photos): every file in it. */
  folder?: boolean;
}

/**
 * A button that opens the file chooser. The input is emptied after each choice so that choosing
 * the same file again, after fixing it, is read again rather than ignored by the browser.
 */
export function FilePickButton({ label, testId, onFiles, accept, variant = 'primary', folder = false }: Props) {
  // React does not know these attributes; the browser does.
  const folderAttributes = (folder ? { multiple: true, webkitdirectory: '', directory: '' } : {}) as InputHTMLAttributes<HTMLInputElement>;
  return (
    <label className="file-pick">
      <span className={`${variant}-button`}>{label}</span>
      <input
        type="file"
        accept={accept}
        data-testid={testId}
        {...folderAttributes}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          if (files.length > 0) onFiles(files);
          e.target.value = '';
        }}
      />
    </label>
  );
}
