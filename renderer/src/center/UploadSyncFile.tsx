import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { centerApi, valueOf } from './center-api';

/** A 同步包 carried from a site without network: the file and the passphrase the site's screen showed. */
export function UploadSyncFile() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const upload = useMutation({
    mutationFn: async () => valueOf(centerApi.upload(await file!.text(), passphrase)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['days'] }),
  });
  return (
    <form
      className="center-upload"
      onSubmit={(e) => {
        e.preventDefault();
        if (file) upload.mutate();
      }}
    >
      <h3>上传同步包</h3>
      <input type="file" accept=".json,.examday-sync.json" aria-label="同步包文件" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      <input aria-label="口令" placeholder="口令（导出时显示的 16 位）" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
      <button type="submit" disabled={upload.isPending || !file}>
        上传
      </button>
      {upload.isError && <p className="center-error">{upload.error.message}</p>}
      {upload.data && (
        <p className="center-ok">
          {upload.data.site}：新接收 {upload.data.stored} 条，已有 {upload.data.alreadyHeld} 条{upload.data.forks > 0 ? `，分叉 ${upload.data.forks} 处（已记为待处理事项）` : ''}
        </p>
      )}
    </form>
  );
}
