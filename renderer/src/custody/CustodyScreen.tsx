import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { CustodyStep } from '../../../shared/custody/custody-steps';
import type { DayView } from '../api/api';
import { useDeviceClock } from '../clock/device-clock';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { useScheduleQuery } from '../timetable/schedule-context';
import { BagHistoryTable } from './BagHistoryTable';
import { BagTimeline } from './BagTimeline';
import { BagLabelsPages, CustodyReportPage, ReceiptPage } from './CustodyPrint';
import { useCustody, type Custody } from './custody-api';
import { handoffsOf } from './handoffs';
import { HandoffForm } from './HandoffForm';
import { ReconcilePanel } from './ReconcilePanel';
import { RegistryPanel } from './RegistryPanel';
import { WhereNowPanel } from './WhereNowPanel';
import '../print/print.css';
import '../record/record.css';
import '../sync/sync.css';
import './custody.css';

type View = 'now' | 'timeline' | 'handoff' | 'registry';
const VIEWS: { view: View; key: MessageKey }[] = [
  { view: 'now', key: 'custody.view.now' },
  { view: 'timeline', key: 'custody.view.timeline' },
  { view: 'handoff', key: 'custody.view.handoff' },
  { view: 'registry', key: 'custody.view.registry' },
];

/** The office records these; the room's door laptop the rest (item 7). */
export const OFFICE_STEPS: readonly CustodyStep[] = ['store', 'take-out', 'issue', 'return', 'office-seal', 'escort', 'deliver'];

type PrintChoice = { kind: 'receipt'; handoffId: string } | { kind: 'receipts' } | { kind: 'labels'; codes: string[] | null } | { kind: 'report' };

/**
 * 试卷流转 on the office (issue 13): where every bag is and what is overdue, 核对与日结, the bags'
 * timeline, 交接 by scanning bags and badges, the registry, and the papers to print.
 */
export function CustodyScreen({ day, actorStaffId }: { day: DayView; actorStaffId: string }) {
  const t = useT();
  const custody = useCustody();
  const offsetMs = useDeviceClock((s) => s.state?.offsetMs ?? null);
  const gates = useScheduleQuery().value?.gates ?? null;
  const [view, setView] = useState<View>('now');
  const [bag, setBag] = useState<string | null>(null);
  const [printing, setPrinting] = useState<PrintChoice | null>(null);
  const value = custody.value;

  const showBag = (code: string) => {
    setBag(code);
    setView('timeline');
  };

  return (
    <main className="custody-screen" data-testid="custody-screen">
      <div className="custody-toolbar">
        <div className="custody-tabs" role="tablist">
          {VIEWS.map((v) => (
            <button
              key={v.view}
              type="button"
              role="tab"
              className="custody-tab"
              aria-selected={printing === null && view === v.view}
              data-testid={`custody-view-${v.view}`}
              onClick={() => {
                setPrinting(null);
                setView(v.view);
                if (v.view === 'timeline') setBag(null);
              }}
            >
              {t(v.key)}
            </button>
          ))}
        </div>
        <div className="rec-row">
          <button type="button" className="rec-action" disabled={!value} onClick={() => setPrinting({ kind: 'receipts' })} data-testid="print-all-receipts">
            {t('custody.printAllReceipts')}
          </button>
          <button type="button" className="rec-action" disabled={!value} onClick={() => setPrinting({ kind: 'report' })} data-testid="print-report">
            {t('custody.printReport')}
          </button>
        </div>
      </div>
      {!value ? (
        <p className="muted">{custody.error ? custody.error.message : t('custody.loading')}</p>
      ) : printing ? (
        <PrintView day={day} custody={value} choice={printing} offsetMs={offsetMs} onBack={() => setPrinting(null)} />
      ) : view === 'now' ? (
        <div className="custody-columns">
          <WhereNowPanel day={day} custody={value} offsetMs={offsetMs} onBag={showBag} />
          <ReconcilePanel day={day} custody={value} offsetMs={offsetMs} onChanged={custody.refresh} />
        </div>
      ) : view === 'timeline' ? (
        <TimelineView day={day} custody={value} gates={gates} offsetMs={offsetMs} bag={bag} onBag={setBag} />
      ) : view === 'handoff' ? (
        <section className="custody-panel custody-handoff-panel">
          <h2 className="custody-panel-title">{t('custody.handoffTitle')}</h2>
          <HandoffForm day={day} bags={value.bags} steps={OFFICE_STEPS} onRecorded={custody.refresh} onPrint={(handoffId) => setPrinting({ kind: 'receipt', handoffId })} />
        </section>
      ) : (
        <RegistryPanel day={day} custody={value} actorStaffId={actorStaffId} onChanged={custody.refresh} onPrintLabels={(codes) => setPrinting({ kind: 'labels', codes })} />
      )}
    </main>
  );
}

function TimelineView({
  day,
  custody,
  gates,
  offsetMs,
  bag,
  onBag,
}: {
  day: DayView;
  custody: Custody;
  gates: { examStartsAt: number; examEndsAt: number } | null;
  offsetMs: number | null;
  bag: string | null;
  onBag: (code: string | null) => void;
}) {
  const t = useT();
  const one = bag === null ? undefined : custody.bags.find((b) => b.code === bag);
  return (
    <section className="custody-panel custody-timeline-panel" data-testid={one ? 'bag-detail' : 'day-timeline'}>
      <h2 className="custody-panel-title">
        {one ? t('custody.bagTimeline', { code: one.code }) : t('custody.timelineTitle')}
        {one && (
          <button type="button" className="rec-action custody-title-button" onClick={() => onBag(null)} data-testid="timeline-all">
            {t('custody.allBags')}
          </button>
        )}
      </h2>
      {custody.bags.length === 0 ? (
        <p className="muted">{t('custody.noBags')}</p>
      ) : (
        <div className="custody-scroll">
          <BagTimeline day={day} bags={one ? [one] : custody.bags} gates={gates} offsetMs={offsetMs} onBag={one ? undefined : onBag} />
          {one ? <BagHistoryTable bag={one} offsetMs={offsetMs} /> : <p className="muted">{t('custody.timelineHint')}</p>}
        </div>
      )}
    </section>
  );
}

/** The chosen papers, previewed as A4 sheets and, in print media, alone on the page. */
function PrintView({ day, custody, choice, offsetMs, onBack }: { day: DayView; custody: Custody; choice: PrintChoice; offsetMs: number | null; onBack: () => void }) {
  const t = useT();
  const handoffs = handoffsOf(custody.bags);
  const doc =
    choice.kind === 'receipt' ? (
      handoffs.filter((h) => h.handoffId === choice.handoffId).map((h) => <ReceiptPage key={h.handoffId} plan={day.plan} handoff={h} offsetMs={offsetMs} rooms={day.rooms} />)
    ) : choice.kind === 'receipts' ? (
      handoffs.map((h) => <ReceiptPage key={h.handoffId} plan={day.plan} handoff={h} offsetMs={offsetMs} rooms={day.rooms} />)
    ) : choice.kind === 'labels' ? (
      <BagLabelsPages bags={choice.codes ? custody.bags.filter((b) => choice.codes!.includes(b.code)) : custody.bags} rooms={day.rooms} />
    ) : (
      <CustodyReportPage plan={day.plan} bags={custody.bags} offsetMs={offsetMs} closed={custody.dayClosed} rooms={day.rooms} />
    );
  const empty = (choice.kind === 'receipt' || choice.kind === 'receipts') && handoffs.length === 0;
  return (
    <section className="custody-print" data-testid="custody-print" data-kind={choice.kind}>
      <div className="rec-row">
        <button type="button" className="rec-primary" disabled={empty} onClick={() => window.print()} data-testid="custody-print-button">
          {t('custody.print')}
        </button>
        <button type="button" className="rec-action" onClick={onBack} data-testid="custody-print-back">
          {t('custody.back')}
        </button>
        <span className="muted">{t('custody.printNote')}</span>
      </div>
      {empty ? <p className="muted">{t('custody.noHandoffs')}</p> : <div className="print-preview">{doc}</div>}
      {!empty && createPortal(<div className="print-portal">{doc}</div>, document.body)}
    </section>
  );
}
