export type { AdmissionRequest, AdmissionOutcome, AdmissionTicket, ActualUsage } from './admission-types';
export { createAdmission, type Admission, type AdmissionOptions } from './create-admission';
export { rateLimitRules } from './rate-limit-rules';
