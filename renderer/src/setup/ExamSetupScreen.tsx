import { useState, type ReactNode } from 'react';
import { useDay, type DayView } from '../api/api';
import { PrintSection } from '../print/PrintSection';
import { PackageSection } from './PackageSection';
import { PhotosSection } from './PhotosSection';
import { PlanSection } from './PlanSection';
import { RoomsSection } from './RoomsSection';
import { RosterSection } from './RosterSection';
import { useSetupT, type SetupKey } from './setup-i18n';
import { StaffSection } from './StaffSection';
import { SyncFileSection } from '../sync/SyncFileSection';
import { PurgeSection } from '../privacy/PurgeSection';
import './setup.css';

const SECTIONS = ['plan', 'rooms', 'roster', 'photos', 'staff', 'print', 'package'] as const;
export type SetupSection = (typeof SECTIONS)[number];

/**
 * 考试设置/导入 (issue 3): the office sets up the day step by step; a door laptop uses only the last
 * section, to load the office's day package. `actorStaffId` is who is recorded (none before the
 * staff list exists: the system).
 */
export function ExamSetupScreen({ actorStaffId, onBack, initial = 'plan' }: { day?: DayView; actorStaffId?: string; onBack?: () => void; initial?: SetupSection }) {
  const s = useSetupT();
  const day = useDay(10_000);
  const [section, setSection] = useState<SetupSection>(initial);
  const value = day.value;
  const props = { day: value, refresh: day.refresh, actorStaffId };
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
            {s(`section.${id}` as SetupKey)}
          </button>
        ))}
      </nav>
      <div className="setup-body">
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
      </div>
    </main>
  );
}

export interface SectionProps {
  day: DayView;
  refresh: () => void;
  actorStaffId: string | undefined;
}

/** Before a room or the office is chosen: the way into setup (office) and package import (door laptop). */
export function StandaloneSetup({ children, onReady }: { day: DayView; children: ReactNode; onReady: () => void }) {
  const s = useSetupT();
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
