import '../day.css';
import { looksLikeTimeCode } from '../../../shared/timetable/time-code';
import { useDay, type DayView } from '../api/api';
import { ClockCheckDialog } from '../clock/ClockCheckDialog';
import { ClockSync } from '../clock/ClockSync';
import { CustodyScreen } from '../custody/CustodyScreen';
import { useRehearsal } from '../clock/device-clock';
import { useT } from '../i18n/i18n';
import { OfficeDashboard } from '../office/OfficeDashboard';
import { RehearsalBanner } from '../rehearsal/RehearsalBanner';
import { RehearsalDialog } from '../rehearsal/RehearsalDialog';
import { useScanner } from '../scanner/use-scanner';
import { useDialogStore } from '../state/dialog-store';
import { useUiStore, type DoorChoice, type OfficeChoice, type Tab } from '../state/ui-store';
import { PromptWatcher } from '../timetable/PromptWatcher';
import { RulesBanner } from '../timetable/RulesBanner';
import { ScheduleProvider } from '../timetable/schedule-context';
import { TimetableScreen } from '../timetable/TimetableScreen';
import { AnnouncementDialog } from '../timetable/AnnouncementDialog';
import { DoorScreen } from '../door/DoorScreen';
import { Header } from './Header';
import { NavBar } from './NavBar';
import { PromptOverlay } from './PromptOverlay';
import { StartDutyScreen } from '../signin/StartDutyScreen';
import { ExamSetupScreen, StandaloneSetup } from '../setup/ExamSetupScreen';
import { SyncScreen } from '../sync/SyncScreen';
import { SyncStatusProvider } from '../sync/sync-status-context';
import { idleLockMs } from '../../../shared/staffing/idle-lock';
import { LockScreen } from '../signin/LockScreen';
import { PinOfficeScreen } from '../signin/PinOfficeScreen';
import { useIdleLock } from '../signin/use-idle-lock';

const DOOR_TABS: readonly Tab[] = ['door', 'timetable'];
const OFFICE_TABS: readonly Tab[] = ['dashboard', 'custody', 'timetable', 'sync', 'pins', 'setup'];

/**
 * The clock runs above everything; the rest is keyed by the mode, so starting or ending a rehearsal
 * drops every screen's data and fetches it again from the core now in charge.
 */
export function App() {
  const rehearsal = useRehearsal();
  return (
    <>
      <ClockSync />
      {/* Sync belongs to the real record, not a rehearsal's: its status outlives the switch. */}
      <SyncStatusProvider>
        <AppBody key={rehearsal?.startedAt ?? 'real'} />
      </SyncStatusProvider>
    </>
  );
}

function AppBody() {
  const t = useT();
  const day = useDay();
  const storedDoor = useUiStore((s) => s.door);
  const storedOffice = useUiStore((s) => s.office);
  const startDoor = useUiStore((s) => s.startDoor);
  const startOffice = useUiStore((s) => s.startOffice);
  const lock = useUiStore((s) => s.lock);
  const lockScreen = useUiStore((s) => s.lockScreen);
  const unlockScreen = useUiStore((s) => s.unlockScreen);

  const value = day.value;
  // A remembered door or office counts only while the day still has that room and that person.
  const door =
    value && storedDoor && value.rooms.some((r) => r.roomNo === storedDoor.roomNo) && value.staff.some((s) => s.staffId === storedDoor.staffId)
      ? storedDoor
      : null;
  const office = value && !door && storedOffice && value.staff.some((s) => s.staffId === storedOffice.staffId) ? storedOffice : null;
  const quietMs = idleLockMs(value?.plan ?? null);
  useIdleLock(quietMs, () => lockScreen('idle'), door !== null && lock === null);

  return (
    <ScheduleProvider>
      <div className="app">
        <RehearsalBanner />
        <Header day={value} door={door} office={office} />
        {value === undefined ? (
          <main className="center-message">
            {day.error ? (
              <div className="load-error" role="alert" data-testid="load-error">
                <h1>{t('app.loadFailed')}</h1>
                <p>{day.error.message}</p>
                <button type="button" className="start-button" onClick={day.refresh}>
                  {t('app.retry')}
                </button>
              </div>
            ) : (
              <p className="muted">{t('app.loading')}</p>
            )}
          </main>
        ) : door && lock ? (
          <LockScreen
            day={value}
            door={door}
            lock={lock}
            quietMinutes={quietMs / 60_000}
            onSignedIn={({ staff }) => (staff.staffId === door.staffId ? unlockScreen() : startDoor({ roomNo: door.roomNo, staffId: staff.staffId }))}
          />
        ) : door || office ? (
          <DeviceScreens day={value} door={door} office={office} />
        ) : (
          <StandaloneSetup day={value} onReady={day.refresh}>
            <StartDutyScreen day={value} onStart={startDoor} onStartOffice={startOffice} onSynced={day.refresh} />
          </StandaloneSetup>
        )}
        <PromptOverlay />
      </div>
    </ScheduleProvider>
  );
}

/** After setup: the door's or the office's tabs, the prompts and the dialogs any tab may open. */
function DeviceScreens({ day, door, office }: { day: DayView; door: DoorChoice | null; office: OfficeChoice | null }) {
  const storedTab = useUiStore((s) => s.tab);
  const clockCheckOpen = useDialogStore((s) => s.clockCheck.open);
  const openClockCheck = useDialogStore((s) => s.openClockCheck);
  const announcementsOpen = useDialogStore((s) => s.announcements);
  const rehearsalOpen = useDialogStore((s) => s.rehearsal);
  const tabs = door ? DOOR_TABS : OFFICE_TABS;
  const tab = tabs.includes(storedTab) ? storedTab : tabs[0]!;
  const staffId = door?.staffId ?? office?.staffId ?? '';

  // Off the door tab a scanner still works: the office's time code opens the clock check.
  useScanner(
    (text) => {
      if (looksLikeTimeCode(text)) openClockCheck(text);
    },
    { enabled: !clockCheckOpen && tab !== 'door' },
  );

  return (
    <>
      <NavBar tabs={tabs} active={tab} />
      {door && <RulesBanner />}
      {tab === 'door' && door ? (
        <DoorScreen key={`${door.roomNo}/${door.staffId}`} day={day} door={door} />
      ) : tab === 'setup' && office ? (
        <ExamSetupScreen day={day} actorStaffId={office.staffId} />
      ) : tab === 'custody' && office ? (
        <CustodyScreen day={day} actorStaffId={office.staffId} />
      ) : tab === 'sync' && office ? (
        <SyncScreen day={day} actorStaffId={office.staffId} />
      ) : tab === 'pins' && office ? (
        <PinOfficeScreen day={day} />
      ) : tab === 'dashboard' ? (
        <OfficeDashboard />
      ) : (
        <TimetableScreen
          day={day}
          scope={door ? { kind: 'door', roomNo: door.roomNo, staffId: door.staffId } : { kind: 'office', staffId }}
        />
      )}
      <PromptWatcher />
      {clockCheckOpen && <ClockCheckDialog day={day} staffId={staffId} />}
      {announcementsOpen && <AnnouncementDialog />}
      {rehearsalOpen && <RehearsalDialog day={day} />}
    </>
  );
}
