import type { IdDocumentType, StaffRole } from './types';

export const STAFF_ROLE_LABELS: Record<StaffRole, { zh: string; en: string }> = {
  'chief-examiner': { zh: '主考', en: 'Chief examiner' },
  'deputy-chief-examiner': { zh: '副主考', en: 'Deputy chief examiner' },
  'chief-proctor': { zh: '主监考', en: 'Chief proctor' },
  'second-proctor': { zh: '副监考', en: 'Second proctor' },
  'roving-proctor': { zh: '流动监考', en: 'Roving proctor' },
  'exam-affairs': { zh: '考务人员', en: 'Exam affairs staff' },
  'secrecy-officer': { zh: '保密员', en: 'Secrecy officer' },
  support: { zh: '保障人员', en: 'Support staff' },
  'quality-control': { zh: '质量内控人员', en: 'Quality control' },
};

export const ID_DOCUMENT_TYPE_LABELS: Record<IdDocumentType, { zh: string; en: string }> = {
  'resident-id': { zh: '居民身份证', en: 'Resident ID card' },
  'hmt-residence-permit': { zh: '港澳台居民居住证', en: 'HK/Macao/Taiwan residence permit' },
  'foreign-permanent-resident-id': { zh: '外国人永久居留身份证', en: 'Foreign permanent resident ID' },
  passport: { zh: '护照', en: 'Passport' },
  'hk-macao-travel-permit': { zh: '港澳居民来往内地通行证', en: 'HK/Macao travel permit' },
  'taiwan-travel-permit': { zh: '台湾居民来往大陆通行证', en: 'Taiwan travel permit' },
};
