import { contextBridge, ipcRenderer } from 'electron';
import type { ApiMethod } from '../../shared/api/contract';
import type { ExamDayBridge } from '../../renderer/src/bridge';
import { API_CHANNEL } from './api-channel';

/*
 * Sandboxed preload: it may require only 'electron', so it imports nothing at runtime but the
 * channel name (zod and the contract stay out of this bundle). The input crosses unparsed; the
 * main process parses it against the contract, and the renderer's client parses the answer.
 */
const call =
  (method: ApiMethod) =>
  (input: unknown): Promise<unknown> =>
    ipcRenderer.invoke(API_CHANNEL, method, input);

// `satisfies` makes tsc list any ExamDayApi method missing here, and refuse any extra one.
const bridge = {
  getDay: call('getDay'),
  getRoomRoster: call('getRoomRoster'),
  checkIn: call('checkIn'),
  admitWithReason: call('admitWithReason'),
  searchCandidates: call('searchCandidates'),
  getDoorState: call('getDoorState'),
  admitInDoubt: call('admitInDoubt'),
  resolveDoubt: call('resolveDoubt'),
  markReverify: call('markReverify'),
  revokeAdmission: call('revokeAdmission'),
  confirmAbsentees: call('confirmAbsentees'),
  getRoomRecord: call('getRoomRecord'),
  verifyLog: call('verifyLog'),
  getClock: call('getClock'),
  getSchedule: call('getSchedule'),
  confirmStep: call('confirmStep'),
  recordClockCheck: call('recordClockCheck'),
  getDashboard: call('getDashboard'),
  getAnnouncements: call('getAnnouncements'),
  startRehearsal: call('startRehearsal'),
  stopRehearsal: call('stopRehearsal'),
  getCandidatePhoto: call('getCandidatePhoto'),
  attachCandidatePhotos: call('attachCandidatePhotos'),
  savePlan: call('savePlan'),
  defineRooms: call('defineRooms'),
  importRoster: call('importRoster'),
  listRoster: call('listRoster'),
  addCandidate: call('addCandidate'),
  correctCandidate: call('correctCandidate'),
  withdrawCandidate: call('withdrawCandidate'),
  previewRosterReimport: call('previewRosterReimport'),
  applyRosterReimport: call('applyRosterReimport'),
  registerStaff: call('registerStaff'),
  startNewDay: call('startNewDay'),
  exportDayPackage: call('exportDayPackage'),
  importDayPackage: call('importDayPackage'),
  inspectDayPackage: call('inspectDayPackage'),
  getPhotoCoverage: call('getPhotoCoverage'),
  getIncidentKinds: call('getIncidentKinds'),
  recordIncident: call('recordIncident'),
  correctIncident: call('correctIncident'),
  recordHandIn: call('recordHandIn'),
  recordLeave: call('recordLeave'),
  recordReturn: call('recordReturn'),
  collectPapers: call('collectPapers'),
  recordPaperCount: call('recordPaperCount'),
  signRecord: call('signRecord'),
  signRecordException: call('signRecordException'),
  getResults: call('getResults'),
  getSyncStatus: call('getSyncStatus'),
  startSyncListener: call('startSyncListener'),
  stopSyncListener: call('stopSyncListener'),
  createPairingOffer: call('createPairingOffer'),
  pairWithOffice: call('pairWithOffice'),
  revokeDevice: call('revokeDevice'),
  syncNow: call('syncNow'),
  listFindings: call('listFindings'),
  resolveFinding: call('resolveFinding'),
  exportSyncFile: call('exportSyncFile'),
  inspectSyncFile: call('inspectSyncFile'),
  importSyncFile: call('importSyncFile'),
  getCenterLink: call('getCenterLink'),
  enrolWithCenter: call('enrolWithCenter'),
  pushToCenterNow: call('pushToCenterNow'),
  getCustody: call('getCustody'),
  registerBags: call('registerBags'),
  recordCustodyStep: call('recordCustodyStep'),
  sealReturnBag: call('sealReturnBag'),
  signCustodyException: call('signCustodyException'),
  closeDay: call('closeDay'),
  setPin: call('setPin'),
  signIn: call('signIn'),
  unlockBadge: call('unlockBadge'),
  purgePersonalData: call('purgePersonalData'),
  revealIdNumber: call('revealIdNumber'),
  listPinStatus: call('listPinStatus'),
} satisfies ExamDayBridge;

contextBridge.exposeInMainWorld('examDayBridge', bridge);
