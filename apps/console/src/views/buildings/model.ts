// The vocabulary of enterprise requests, without any I/O (shared by the API layer and pure logic).

export const REQUEST_STATUSES = ['RECEIVED', 'IN_PROGRESS', 'RESOLVED'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_CATEGORIES = [
  'POLICY',
  'FINANCING',
  'EMPLOYMENT',
  'PERMITS',
  'PROPERTY',
  'SAFETY',
  'ENVIRONMENT',
  'ELDERLY_CARE',
  'NEIGHBOURHOOD_DISPUTE',
  'OTHER',
] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

export const REQUEST_SCALES = ['MAJOR', 'MINOR', 'HOUSEHOLD'] as const;
export type RequestScale = (typeof REQUEST_SCALES)[number];
