import { useCallback, useState } from 'react';
import { DOOR_SHORTCUTS, useDoorShortcuts } from '../door/door-shortcuts';
import { RecentScans } from '../door/RecentScans';
import { useRecentScans } from '../door/recent-scans';
import { RevokeDialog, type RevokeTarget } from '../door/RevokeDialog';
import type { PaintedAnswer } from '../door/use-door-check';
import { useRoomRoster, type CheckInMethod, type DayView } from '../api/api';
import { unlockAudio } from '../audio/tones';
import { CameraScanner } from '../camera/CameraScanner';
import { noteDoorActivity } from '../signin/use-idle-lock';
import { useCameraStore } from '../camera/camera-store';
import { useDoorCheck } from './use-door-check';
import { useT } from '../i18n/i18n';
import { looksLikeTimeCode } from '../../../shared/timetable/time-code';
import { useScanner } from '../scanner/use-scanner';
import { useScannerStore } from '../scanner/scanner-store';
import { ScannerSettingsDialog } from './ScannerSettingsDialog';
import '../door/door.css';
import { AdmitDialog, type AdmitMode } from './AdmitDialog';
import { useDoorState } from './door-api';
import { ResolveDoubtDialog } from './ResolveDoubtDialog';
import { ReverifyDialog } from './ReverifyDialog';
import { AbsenteesDialog } from './AbsenteesDialog';
import { RoomRecordView } from './RoomRecordView';
import { DoorBagsPanel } from '../custody/DoorBagsPanel';
import { SeatRecordDialog } from '../record/SeatRecordDialog';
import { useRoomRecord } from '../api/api';
import { useNow } from '../clock/device-clock';
import { minutesOfDay } from '../../../shared/timetable/gates';
import { useScheduleQuery } from '../timetable/schedule-context';
import { SeatMap } from './SeatMap';
import { useDialogStore } from '../state/dialog-store';
import type { DoorChoice } from '../state/ui-store';
import { ManualEntry } from './ManualEntry';
import { RosterPanel } from './RosterPanel';
import { VerdictPanel } from './VerdictPanel';

/** 查证入场 at one room's door: scan (scanner or camera) or type, see the verdict, watch the room fill up. */
export function DoorScreen({ day, door }: { day: DayView; door: DoorChoice }) {
  const t = useT();
  const roster = useRoomRoster(door.roomNo);
  const recordScan = useRecentScans((s) => s.record);
  const markRevoked = useRecentScans((s) => s.markRevoked);
  const refreshRoster = roster.refresh;
  // After the answer's frame: the roster, and the strip of last scans (neither may delay the verdict).
  const onChecked = useCallback(
    (painted: PaintedAnswer | null) => {
      refreshRoster();
      if (painted) recordScan(door.roomNo, painted.serial, painted.state);
    },
    [refreshRoster, recordScan, door.roomNo],
  );
  const { state, serial, holdMs, submit, show, reset } = useDoorCheck(door, onChecked);
  const [revoking, setRevoking] = useState<RevokeTarget | null>(null);
  const [admitMode, setAdmitMode] = useState<AdmitMode | null>(null);
  const [view, setView] = useState<'list' | 'seats' | 'record' | 'bags'>('list');
  const [resolving, setResolving] = useState<string | null>(null);
  const [reverifying, setReverifying] = useState(false);
  const [absenteesOpen, setAbsenteesOpen] = useState(false);
  const [recordDialog, setRecordDialog] = useState(false);
  const [seatTapped, setSeatTapped] = useState<number | null>(null);
  const record = useRoomRecord(door.roomNo, 10_000);
  const absentees = roster.value?.absentees;
  // 开考核对 opens at 开考 (附件5 8:30, 副监考 再次核对).
  const examStartsAt = useScheduleQuery().value?.gates?.examStartsAt;
  const { correctedMs } = useNow(1_000);
  const reverifyOpen = examStartsAt !== undefined && minutesOfDay(new Date(correctedMs)) >= examStartsAt;
  // The candidate on the admitted verdict is already flagged 存疑: say so instead of offering it again.
  const verdictTicket = state.kind === 'verdict' && state.verdict.kind === 'admitted' ? state.verdict.candidate.ticketNo : null;
  const admittedInDoubt = verdictTicket !== null && roster.value?.rows.find((r) => r.ticketNo === verdictTicket)?.doubt?.status === 'open';
  const lateTicket = state.kind === 'verdict' && state.verdict.kind === 'late' ? state.verdict.candidate.ticketNo : null;
  const lateConfirmedAbsent = lateTicket !== null && roster.value?.rows.find((r) => r.ticketNo === lateTicket)?.absence === 'confirmed';
  const resolvingRow = resolving === null ? undefined : roster.value?.rows.find((r) => r.ticketNo === resolving);
  // A reload keeps the door's half pair (it lives in the core): show it again, without a sound.
  useDoorState(door.roomNo, ({ pending }) => {
    if (pending) show({ verdict: pending, committedAt: '' }, { silent: true });
  });
  // A dialog on top owns the keyboard: the clock check takes the scanner itself, the others must not admit anyone.
  const dialogOpen = useDialogStore((s) => s.clockCheck.open || s.announcements || s.rehearsal);
  const openClockCheck = useDialogStore((s) => s.openClockCheck);
  const dismissPrompt = useDialogStore((s) => s.dismissPrompt);
  const cameraAtDoor = useCameraStore((s) => s.atDoor);
  const setCameraAtDoor = useCameraStore((s) => s.setAtDoor);
  const maxInterKeyMs = useScannerStore((s) => s.maxInterKeyMs);
  const [scannerSettings, setScannerSettings] = useState(false);

  const onScan = useCallback(
    (text: string, method: CheckInMethod) => {
      unlockAudio();
      // The office's time code is never a check-in.
      if (looksLikeTimeCode(text)) {
        openClockCheck(text);
        return;
      }
      // In the exam, a 准考证 scanned on the seat map opens that seated candidate's record, like a seat
      // tap; a candidate not admitted yet is someone late at the door, and the scan checks them in.
      const seated =
        view === 'seats' && reverifyOpen ? roster.value?.rows.find((r) => r.ticketNo === text.trim() && r.admittedAt !== null) : undefined;
      if (seated) {
        setSeatTapped(seated.seatNo);
        return;
      }
      // A candidate at the door matters more than a prompt already heard: show the verdict.
      dismissPrompt();
      submit(text, method);
    },
    [dismissPrompt, openClockCheck, submit, view, reverifyOpen, roster.value],
  );
  const doorHasKeyboard =
    !dialogOpen && !scannerSettings && admitMode === null && resolving === null && !reverifying && !absenteesOpen && !recordDialog && seatTapped === null && revoking === null;
  useScanner((text) => onScan(text, 'scanner'), { enabled: doorHasKeyboard, maxInterKeyMs });
  useDoorShortcuts(doorHasKeyboard, {
    find: () => setAdmitMode({ kind: 'manual' }),
    type: () => document.getElementById('manual-input')?.focus(),
    camera: () => setCameraAtDoor(!useCameraStore.getState().atDoor),
    seats: () => setView((v) => (v === 'seats' ? 'list' : 'seats')),
    record: () => setView('record'),
  });
  // Stable, so the memoised form does not re-render with each verdict.
  const onTyped = useCallback(
    (value: string) => {
      unlockAudio();
      submit(value, 'typed');
    },
    [submit],
  );
  const onCameraCode = useCallback(
    (text: string) => {
      noteDoorActivity();
      if (!useDialogStore.getState().clockCheck.open) onScan(text, 'camera');
    },
    [onScan],
  );

  return (
    <main className="door">
      <div className="door-left">
        <VerdictPanel
          state={state}
          serial={serial}
          rooms={day.rooms}
          holdMs={holdMs}
          onApproveLate={
            state.kind === 'verdict' && state.verdict.kind === 'late'
              ? () => {
                  if (state.kind !== 'verdict' || state.verdict.kind !== 'late') return;
                  setAdmitMode({ kind: 'late', candidate: state.verdict.candidate, confirmedAbsent: lateConfirmedAbsent });
                }
              : undefined
          }
          inDoubt={admittedInDoubt}
          lateConfirmedAbsent={lateConfirmedAbsent}
          onDoubt={
            state.kind === 'verdict' && state.verdict.kind === 'admitted' && !admittedInDoubt
              ? () => state.kind === 'verdict' && state.verdict.kind === 'admitted' && setAdmitMode({ kind: 'doubt', candidate: state.verdict.candidate })
              : undefined
          }
          onRevoke={
            // Until 开考 (shared/checkin/revoke-admission.ts): afterwards 开考核对 is the path.
            state.kind === 'verdict' && state.verdict.kind === 'admitted' && !reverifyOpen
              ? () => {
                  if (state.kind !== 'verdict' || state.verdict.kind !== 'admitted') return;
                  const c = state.verdict.candidate;
                  setRevoking({ ticketNo: c.ticketNo, name: c.name, seatNo: c.seatNo });
                }
              : undefined
          }
        />
        <RecentScans
          roomNo={door.roomNo}
          onRevoke={reverifyOpen ? undefined : (scan) => scan.ticketNo && setRevoking({ ticketNo: scan.ticketNo, name: scan.name ?? scan.ticketNo, seatNo: scan.seatNo })}
        />
        <div className="door-inputs">
          <ManualEntry onSubmit={onTyped} shortcut={DOOR_SHORTCUTS.type} />
          <button
            type="button"
            className="camera-switch"
            aria-pressed={cameraAtDoor}
            data-testid="camera-switch"
            onClick={() => setCameraAtDoor(!cameraAtDoor)}
          >
            {cameraAtDoor ? t('door.cameraOff') : t('door.cameraOn')}
            <kbd className="shortcut-key">{DOOR_SHORTCUTS.camera}</kbd>
          </button>
          <button type="button" className="camera-switch" data-testid="find-candidate" onClick={() => setAdmitMode({ kind: 'manual' })}>
            {t('door.findCandidate')}
            <kbd className="shortcut-key">{DOOR_SHORTCUTS.find}</kbd>
          </button>
          <button type="button" className="camera-switch" data-testid="scanner-settings-open" onClick={() => setScannerSettings(true)}>
            {t('scanner.open')}
          </button>

        </div>
        {scannerSettings && <ScannerSettingsDialog onClose={() => setScannerSettings(false)} />}
        {revoking && (
          <RevokeDialog
            target={revoking}
            roomNo={door.roomNo}
            staffId={door.staffId}
            onClose={() => setRevoking(null)}
            onRevoked={() => {
              markRevoked(revoking.ticketNo);
              // The panel must not go on saying 准予入场 for someone no longer admitted.
              if (state.kind === 'verdict' && state.verdict.kind === 'admitted' && state.verdict.candidate.ticketNo === revoking.ticketNo) reset();
              setRevoking(null);
              roster.refresh();
            }}
          />
        )}
        {admitMode && (
          <AdmitDialog
            mode={admitMode}
            roomNo={door.roomNo}
            doorStaffId={door.staffId}
            day={day}
            onClose={() => setAdmitMode(null)}
            onAdmitted={(answer) => {
              setAdmitMode(null);
              show(answer);
              roster.refresh();
            }}
          />
        )}
      </div>
      <div className="door-right">
        {cameraAtDoor && <CameraScanner onCode={onCameraCode} />}
        <div className="door-view-tabs" role="tablist">
          <button type="button" role="tab" className="door-view-tab" aria-selected={view === 'list'} data-testid="door-view-list" onClick={() => setView('list')}>
            {t('door.viewList')}
          </button>
          <button type="button" role="tab" className="door-view-tab" aria-selected={view === 'seats'} data-testid="door-view-seats" onClick={() => setView('seats')}>
            {t('door.viewSeats')}
            <kbd className="shortcut-key">{DOOR_SHORTCUTS.seats}</kbd>
          </button>
          <button type="button" role="tab" className="door-view-tab" aria-selected={view === 'record'} data-testid="door-view-record" onClick={() => setView('record')}>
            {t('door.viewRecord')}
            <kbd className="shortcut-key">{DOOR_SHORTCUTS.record}</kbd>
          </button>
          <button type="button" role="tab" className="door-view-tab" aria-selected={view === 'bags'} data-testid="door-view-bags" onClick={() => setView('bags')}>
            {t('door.viewBags')}
          </button>
          {reverifyOpen && (
            <button type="button" className="door-view-tab reverify-open" data-testid="reverify-open" onClick={() => setReverifying(true)}>
              {t('reverify.open')}
            </button>
          )}
          {absentees?.due && (
            <button
              type="button"
              className={`door-view-tab absentees-open${absentees.confirmed ? '' : ' absentees-open-pending'}`}
              data-testid="absentees-open"
              onClick={() => setAbsenteesOpen(true)}
            >
              {t(absentees.confirmed ? 'absentees.openConfirmed' : 'absentees.open')}
            </button>
          )}
        </div>
        {view === 'list' && <RosterPanel roster={roster} onResolveDoubt={setResolving} />}
        {view === 'seats' && <SeatMap roster={roster.value} onSeatTap={reverifyOpen ? setSeatTapped : undefined} />}
        {view === 'bags' && <DoorBagsPanel day={day} roomNo={door.roomNo} onDialog={setRecordDialog} />}
        {view === 'record' && <RoomRecordView day={day} roomNo={door.roomNo} staffId={door.staffId} onDialog={setRecordDialog} />}
        {seatTapped !== null && roster.value?.rows.some((r) => r.seatNo === seatTapped) && (
          <SeatRecordDialog
            row={roster.value.rows.find((r) => r.seatNo === seatTapped)!}
            roomNo={door.roomNo}
            staffId={door.staffId}
            day={day}
            record={record.value}
            onDone={() => {
              record.refresh();
              roster.refresh();
            }}
            onClose={() => setSeatTapped(null)}
          />
        )}
        {reverifying && roster.value && (
          <ReverifyDialog roster={roster.value} roomNo={door.roomNo} staffId={door.staffId} onMarked={roster.refresh} onClose={() => setReverifying(false)} />
        )}
        {absenteesOpen && roster.value && (
          <AbsenteesDialog
            roster={roster.value}
            roomNo={door.roomNo}
            day={day}
            onChanged={roster.refresh}
            onClose={() => setAbsenteesOpen(false)}
          />
        )}
        {resolvingRow && (
          <ResolveDoubtDialog
            row={resolvingRow}
            roomNo={door.roomNo}
            day={day}
            onClose={() => setResolving(null)}
            onResolved={() => {
              setResolving(null);
              roster.refresh();
            }}
          />
        )}
      </div>
    </main>
  );
}
