/**
 * Domain keyword lists. They start from the lists of Open Model Prism (Apache-2.0, see NOTICE),
 * corrected for the false positives its substring matching produced: words that are common in
 * other contexts ("token", "authorization", "audit", "treatment", "patient", "derivative",
 * "compliance", "article ") were removed or made specific, and stems are marked with `*`.
 * Matching is on word boundaries (see keyword-matcher.ts).
 */
export interface DomainKeywords {
  keywords: readonly string[];
  /** Distinct keywords needed before the domain counts. */
  minHits: number;
}

export const DOMAIN_KEYWORDS: Readonly<Record<string, DomainKeywords>> = {
  security: {
    minHits: 2,
    keywords: [
      'private key*', 'secret key*', 'api key*', 'password*', 'credential*', 'jwt', 'oauth*', 'vulnerabilit*',
      'exploit*', 'cve', 'sql injection', 'injection attack*', 'xss', 'csrf', 'ssrf', 'buffer overflow*',
      'cryptograph*', 'encrypt*', 'decrypt*', 'certificate*', '-----begin', 'privilege escalation', 'rce',
      'remote code execution', 'sandbox escape', 'penetration test*', 'pentest*', 'owasp', 'threat model*',
      'attack surface', 'malware', 'phishing', 'zero-day', 'authentication bypass',
    ],
  },
  legal: {
    minHits: 1,
    keywords: [
      'gdpr', 'ccpa', 'regulatory compliance', 'nda', 'non-disclosure', 'liabilit*', 'indemnif*',
      'intellectual property', 'copyright infringement', 'trademark*', 'jurisdiction*', 'contract clause*',
      'governing law', 'data processing agreement', 'legal entity', 'lawsuit*', 'litigation', 'statute*',
      'plaintiff*', 'defendant*', 'attorney*', 'legal advice', 'breach of contract', 'terms of service',
    ],
  },
  medical: {
    minHits: 1,
    keywords: [
      'diagnos*', 'icd-10', 'icd-11', 'medical treatment*', 'treatment plan*', 'medication*', 'symptom*',
      'clinical', 'clinical trial*', 'patient history', 'patient care', 'disease*', 'syndrome*', 'dosage*',
      'prescription*', 'pathology', 'differential diagnosis', 'adverse effect*', 'contraindicat*',
      'pharmacolog*', 'oncolog*', 'cardiolog*', 'mg/kg',
    ],
  },
  finance: {
    minHits: 1,
    keywords: [
      'balance sheet*', 'income statement*', 'cash flow*', 'ebitda', 'p&l', 'tax return*', 'valuation*', 'roi',
      'return on investment', 'hedge fund*', 'financial derivative*', 'quarterly earnings', 'fiscal year',
      'amortization', 'depreciation', 'investment portfolio*', 'stock price*', 'dcf', 'discounted cash flow',
      'npv', 'net present value', 'capex', 'capital expenditure*', 'financial audit*', 'earnings report*',
    ],
  },
};
