import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useDay, type DayView } from '../api/api';
import { PackageSection } from './PackageSection';
import { PlanSection } from './PlanSection';
import { RoomsSection } from './RoomsSection';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { SyncFileSection } from '../sync/SyncFileSection';
import { usePhotoCoverage } from './setup-api';
import { PurgeSection } from '../privacy/PurgeSection';
import './setup.css';

// Sections that read files (spreadsheets, .zip) and the print views (A4 pages, QR codes) load when
// opened, not with the app: a door laptop never needs them (issue 15 item 14, the first chunk's size).
const RosterSection = lazy(() => import('./RosterSection').then((m) => ({ default: m.RosterSection })));
const PhotosSection = lazy(() => import('./PhotosSection').then((m) => ({ default: m.PhotosSection })));
const StaffSection = lazy(() => import('./StaffSection').then((m) => ({ default: m.StaffSection })));
const PrintSection = lazy(() => import('../print/PrintSection').then((m) => ({ default: m.PrintSection })));

const SECTIONS = ['plan', 'rooms', 'roster', 'photos', 'staff', 'print', 'package'] as const;
export type SetupSection = (typeof SECTIONS)[number];

/**
 * 考试设置/导入 (issue 3): the office sets up the day step by step; a door laptop uses only the last
 * section, to load the office's day package. `actorStaffId` is who is recorded (none before the
 * staff list exists: the system).
 */
export function ExamSetupScreen({ actorStaffId, onBack, initial = 'plan' }: { day?: DayView; actorStaffId?: string; onBack?: () => void; initial?: SetupSection }) {
  const s = useT();
  const day = useDay(10_000);
  const [section, setSection] = useState<SetupSection>(initial);
  const value = day.value;
  const coverage = usePhotoCoverage();
  const refresh = () => {
    day.refresh();
    coverage.refresh();
  };
  const props = { day: value, refresh, actorStaffId };
  const done = value ? stepsDone(value, coverage.value) : {};
  return (
    <main className="exam-setup" data-testid="exam-setup">
      <nav className="setup-sections" aria-label={s('setup.heading')}>
        {onBack && (
          <button type="button" className="setup-back" data-testid="setup-back" onClick={onBack}>
            ← {s('setup.back')}
          </button>
        )}
        {SECTIONS.map((id) => (
          <button
            key={id}
            type="button"
            className="setup-section-tab"
            aria-current={section === id ? 'page' : undefined}
            data-testid={`setup-section-${id}`}
            onClick={() => setSection(id)}
          >
            {s(`section.${id}` as MessageKey)}
            {done[id] && (
              <span className={`setup-step-done${done[id].partial ? ' setup-step-partial' : ''}`} data-testid={`setup-done-${id}`}>
                {done[id].partial ? '!' : '✓'} {done[id].text === '' ? '' : s(done[id].text.key, done[id].text.params)}
              </span>
            )}
          </button>
        ))}
      </nav>
      <div className="setup-body">
        <Suspense fallback={<p className="muted">…</p>}>
          {!value ? (
            <p className="muted">{day.error?.message ?? '…'}</p>
          ) : section === 'plan' ? (
            <PlanSection {...props} day={value} />
          ) : section === 'rooms' ? (
            <RoomsSection {...props} day={value} />
          ) : section === 'roster' ? (
            <RosterSection {...props} day={value} />
          ) : section === 'photos' ? (
            <PhotosSection {...props} day={value} />
          ) : section === 'staff' ? (
            <StaffSection {...props} day={value} />
          ) : section === 'print' ? (
            <PrintSection day={value} />
          ) : (
            <>
              <PackageSection {...props} day={value} />
              <SyncFileSection actorStaffId={actorStaffId} onImported={day.refresh} />
              <PurgeSection onPurged={day.refresh} />
            </>
          )}
        </Suspense>
      </div>
    </main>
  );
}

type StepMark = { partial: boolean; text: '' | { key: MessageKey; params: Record<string, number> } };

/** What each setup step has done so far (issue 15 item 4): ✓ with the count, ! while photos are missing. */
function stepsDone(day: DayView, coverage: { candidates: number; withPhoto: number } | undefined): Partial<Record<SetupSection, StepMark>> {
  const candidates = day.rooms.reduce((n, r) => n + r.expected, 0);
  const marks: Partial<Record<SetupSection, StepMark>> = {};
  if (day.plan) marks.plan = { partial: false, text: '' };
  if (day.rooms.length > 0) marks.rooms = { partial: false, text: { key: 'steps.rooms', params: { n: day.rooms.length } } };
  if (candidates > 0) marks.roster = { partial: false, text: { key: 'steps.roster', params: { n: candidates } } };
  if (coverage && coverage.withPhoto > 0) {
    const all = coverage.withPhoto >= coverage.candidates;
    marks.photos = all
      ? { partial: false, text: { key: 'steps.photos', params: { with: coverage.withPhoto } } }
      : { partial: true, text: { key: 'steps.photosMissing', params: { with: coverage.withPhoto, total: coverage.candidates } } };
  }
  if (day.staff.length > 0) marks.staff = { partial: false, text: { key: 'steps.staff', params: { n: day.staff.length } } };
  return marks;
}

export interface SectionProps {
  day: DayView;
  refresh: () => void;
  actorStaffId: string | undefined;
}

/** Before a room or the office is chosen: the way into setup (office) and package import (door laptop). */
export function StandaloneSetup({ children, onReady }: { day: DayView; children: ReactNode; onReady: () => void }) {
  const s = useT();
  const [open, setOpen] = useState(false);
  if (open) {
    return (
      <ExamSetupScreen
        initial="plan"
        onBack={() => {
          setOpen(false);
          onReady();
        }}
      />
    );
  }
  return (
    <>
      {children}
      <div className="setup-entry">
        <span className="muted">{s('setup.entryTitle')}</span>
        <button type="button" className="setup-entry-button" data-testid="open-setup" onClick={() => setOpen(true)}>
          {s('setup.entryButton')}
        </button>
      </div>
    </>
  );
}

/** A result line under a form: green when it worked, red with the core's Chinese reason when not. */
export function Outcome({ outcome }: { outcome: { ok: boolean; text: string } | null }) {
  if (!outcome) return null;
  return (
    <p className={outcome.ok ? 'outcome outcome-ok' : 'outcome outcome-error'} role={outcome.ok ? 'status' : 'alert'} data-testid="setup-outcome">
      {outcome.text}
    </p>
  );
}
