import { useEffect, useState } from 'react';
import type { ApiOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { bytesToBase64, MAX_PHOTO_BYTES, PHOTO_FILE_PATTERN } from '../../../shared/photos/photo';
import { photoKeyOf, readPhotoZip, type PhotoZipFile } from '../../../shared/photos/photo-zip';
import { looksLikeIdNumber, maskIdNumber, normalizeIdInput } from '../../../shared/id/id-number';
import { Outcome, type SectionProps } from './ExamSetupScreen';
import { useAttachPhotos, usePhotoCoverageCall } from './setup-api';
import { useAction } from '../api/use-action';
import { useRefusalText, useT } from '../i18n/i18n';
import { FilePickButton } from './FilePickButton';

/** Sent in batches well under the HTTP limit for this call (24 MB). */
const BATCH_PHOTOS = 100;
const BATCH_BYTES = 12 * 1024 * 1024;
/** Thumbnails drawn after an upload: enough to see the photos are the right ones. */
const MAX_THUMBS = 24;

type PhotoFile = PhotoZipFile;

/** ④ 考生照片: a folder or .zip of images named by 准考证号 or ID number, matched in the core. */
export function PhotosSection({ day, actorStaffId }: SectionProps) {
  const s = useT();
  const refusalText = useRefusalText();
  const attach = useAttachPhotos();
  const coverageCall = usePhotoCoverageCall();
  const [coverage, setCoverage] = useState<ApiOutput<'getPhotoCoverage'> | null>(null);
  const [report, setReport] = useState<{ matched: number; unchanged: number; unmatched: string[]; skipped: number } | null>(null);
  const [thumbs, setThumbs] = useState<{ key: string; label: string; url: string }[]>([]);
  // Object URLs of the shown thumbnails are released when replaced or when the section closes.
  useEffect(() => () => thumbs.forEach((t) => URL.revokeObjectURL(t.url)), [thumbs]);

  const [coverageVersion, setCoverageVersion] = useState(0);
  const expected = day.rooms.reduce((n, r) => n + r.expected, 0);
  useEffect(() => {
    let live = true;
    void coverageCall({}).then((result) => {
      if (live && result.ok) setCoverage(result.value);
    });
    return () => {
      live = false;
    };
  }, [coverageCall, coverageVersion, expected]);
  const loadCoverage = () => setCoverageVersion((v) => v + 1);

  /** Every batch in turn; a refusal stops the rest, and what went in before it is still reported. */
  const uploadAll = useAction(async ({ files, skipped }: { files: PhotoFile[]; skipped: number }): Promise<ApiResult<null>> => {
    let refusal: ApiResult<null> | null = null;
    let matched = 0;
    let unchanged = 0;
    const unmatched: string[] = [];
    let batch: { key: string; dataBase64: string }[] = [];
    let size = 0;
    const flush = async (): Promise<boolean> => {
      if (batch.length === 0) return true;
      const result = await attach({ photos: batch, ...(actorStaffId ? { actorStaffId } : {}) });
      batch = [];
      size = 0;
      if (!result.ok) {
        refusal = result;
        return false;
      }
      matched += result.value.attached + result.value.unchanged;
      unchanged += result.value.unchanged;
      unmatched.push(...result.value.unmatched);
      return true;
    };
    for (const file of files) {
      if (file.bytes.length > MAX_PHOTO_BYTES) {
        skipped += 1;
        continue;
      }
      const dataBase64 = bytesToBase64(file.bytes);
      if (batch.length >= BATCH_PHOTOS || size + dataBase64.length > BATCH_BYTES) {
        if (!(await flush())) break;
      }
      batch.push({ key: file.key, dataBase64 });
      size += dataBase64.length;
    }
    await flush();
    setReport({ matched, unchanged, unmatched, skipped });
    const refused = new Set(unmatched);
    setThumbs(
      files
        .filter((f) => f.bytes.length <= MAX_PHOTO_BYTES && !refused.has(f.key) && !refused.has(maskIdNumber(f.key)))
        .slice(0, MAX_THUMBS)
        .map((f) => ({ key: f.key, label: looksLikeIdNumber(normalizeIdInput(f.key)) ? maskIdNumber(f.key) : f.key, url: URL.createObjectURL(new Blob([f.bytes.slice()])) })),
    );
    loadCoverage();
    return refusal ?? { ok: true, value: null };
  });
  const busy = uploadAll.busy;
  const outcome = uploadAll.error ? { ok: false, text: refusalText(uploadAll.error) } : null;
  const upload = async (files: PhotoFile[], skipped: number) => {
    await uploadAll.run({ files, skipped });
  };

  const fromFolder = async (all: File[]) => {
    const images = all.filter((f) => PHOTO_FILE_PATTERN.test(f.name));
    const files = await Promise.all(images.map(async (f) => ({ key: photoKeyOf(f.name), bytes: new Uint8Array(await f.arrayBuffer()) })));
    await upload(files, all.length - images.length);
  };

  const fromZip = async (file: File | undefined) => {
    if (!file) return;
    const read = readPhotoZip(new Uint8Array(await file.arrayBuffer()));
    if (!read.ok) {
      uploadAll.complain(read.reason);
      return;
    }
    await upload(read.photos, read.skipped);
  };

  return (
    <section className="setup-form photos-section">
      <p className="hint">{s('photos.hint')}</p>
      <div className="form-actions">
        <FilePickButton label={s('photos.folder')} folder testId="photos-folder" onFiles={(files) => void fromFolder(files)} />
        <FilePickButton label={s('photos.zip')} variant="secondary" accept=".zip,application/zip" testId="photos-zip" onFiles={([file]) => void fromZip(file)} />
        {coverage && (
          <span className="muted" data-testid="photos-coverage">
            {s('photos.coverage', { with: coverage.withPhoto, total: coverage.candidates })}
          </span>
        )}
      </div>
      {busy && <p className="muted">{s('photos.reading')}</p>}
      <Outcome outcome={outcome} />
      {report && coverage && (
        <div className="photo-report" data-testid="photos-report">
          <p className={coverage.withPhoto < coverage.candidates ? 'outcome outcome-warn' : 'outcome outcome-ok'} data-testid="photos-report-line">
            {s('photos.report', { matched: report.matched, unchanged: report.unchanged, unmatched: report.unmatched.length, missing: coverage.candidates - coverage.withPhoto })}
            {report.skipped > 0 && ` · ${s('photos.skipped', { n: report.skipped })}`}
          </p>
          {coverage.withPhoto >= coverage.candidates && <p className="ok-text">{s('photos.allMatched', { total: coverage.candidates })}</p>}
          {thumbs.length > 0 && (
            <div className="photo-thumbs-block">
              <h3>{s('photos.thumbs', { n: thumbs.length })}</h3>
              <ul className="photo-thumbs" data-testid="photo-thumbs">
                {thumbs.map((t) => (
                  <li key={t.key} className="photo-thumb">
                    <img src={t.url} alt={t.label} />
                    <span className="mono">{t.label}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="report-columns">
            {report.unmatched.length > 0 && (
              <div>
                <h3>{s('photos.unmatched')}</h3>
                <ul className="compact-list">
                  {report.unmatched.slice(0, 100).map((k) => (
                    <li key={k} className="mono">
                      {k}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {coverage.missing.length > 0 && (
              <div className="photos-missing" data-testid="photos-missing">
                <h3 className="warn-text">
                  {s('photos.missing')}（{coverage.candidates - coverage.withPhoto}）
                </h3>
                <ul className="compact-list">
                  {coverage.missing.slice(0, 100).map((c) => (
                    <li key={c.ticketNo}>
                      <span className="mono">{c.ticketNo}</span> {c.name}（{c.roomNo}-{c.seatNo}）
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
