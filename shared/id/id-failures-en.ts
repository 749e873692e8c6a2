import type { IdParseFailureCode } from './id-number';

/**
 * Why an ID number is invalid (IdParseResult's `code`), in English, for the door's verdict and the
 * roster preview; the Chinese `reason` says more (the date, the document type).
 */
export const ID_FAILURES_EN: Record<IdParseFailureCode, string> = {
  empty: 'No number was read',
  'bad-format': 'This is not the format of an ID number',
  'bad-check-digit': 'The check digit (the last one) is wrong',
  'bad-date': 'The birth date inside the number is impossible',
  'bad-region': 'The first two digits are not a province code',
  'legacy-15-digit': 'Old 15-digit ID numbers are no longer valid: ask for the 18-digit card',
  'type-mismatch': 'The number belongs to another type of document',
};
