import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogDocument } from '@smart-task/schemas';

/**
 * A three-file task small enough to know exactly which condition outcomes its cases see:
 *
 * - gate G-01: `subject.profilo equal "AZIENDA"` (leaf `/gates/0/conditions`);
 * - check C-01: `all [request.importo greaterThan 0, request.importo lessThanInclusive 100]`;
 * - check C-02: applies when `request.urgente equal true`, then `request.motivo exists true`.
 *
 * Cases: `piccolo` (AZIENDA, importo 50, not urgent: ACCOLTA), `grande-urgente` (AZIENDA, importo 150,
 * urgent with a motivo: NON_ACCOLTA for C-01), `intermediario` (G-01 fails, nothing else runs).
 */
export const COVERAGE_TASK = 'prova-copertura';

const text = (it: string, en = it) => ({ it, en });

export const coverageRuleSet = {
  $schema: 'https://smart-task.dev/schemas/rule-set/v1.json',
  id: COVERAGE_TASK,
  version: '1.0.0',
  validFrom: '2020-01-01',
  validTo: null,
  status: 'active',
  title: text('Prova copertura', 'Coverage probe'),
  description: text('Un compito minimo per misurare la copertura.', 'A minimal task to measure coverage.'),
  requesters: ['AZIENDA', 'INTERMEDIARIO'],
  facts: {},
  gates: [
    {
      id: 'G-01',
      description: text("Il richiedente è l'azienda", 'The requester is the company'),
      reasonCode: 'NA-SOLO-AZIENDA',
      message: text("Solo l'azienda può presentare la richiesta.", 'Only the company may file the request.'),
      conditions: { fact: 'subject', path: '$.profilo', operator: 'equal', value: 'AZIENDA' },
    },
  ],
  checks: [
    {
      id: 'C-01',
      description: text("L'importo è tra 1 e 100", 'The amount is between 1 and 100'),
      severity: 'BLOCKING',
      reasonCode: 'NA-IMPORTO',
      message: text("L'importo {request.importo} non è ammesso.", 'The amount {request.importo} is not allowed.'),
      conditions: {
        all: [
          { fact: 'request', path: '$.importo', operator: 'greaterThan', value: 0 },
          { fact: 'request', path: '$.importo', operator: 'lessThanInclusive', value: 100 },
        ],
      },
    },
    {
      id: 'C-02',
      description: text('Una richiesta urgente ha un motivo', 'An urgent request has a reason'),
      severity: 'BLOCKING',
      reasonCode: 'NA-MOTIVO',
      message: text("Indica il motivo dell'urgenza.", 'Give the reason for the urgency.'),
      applicableWhen: { fact: 'request', path: '$.urgente', operator: 'equal', value: true },
      conditions: { fact: 'request', path: '$.motivo', operator: 'exists', value: true },
    },
  ],
  operations: [],
};

export const coverageRequestSchema = {
  $schema: 'https://smart-task.dev/schemas/request-schema/v1.json',
  'x-task': COVERAGE_TASK,
  type: 'object',
  title: 'Prova copertura',
  'x-i18n': { en: { title: 'Coverage probe' } },
  properties: {
    importo: { type: 'number', title: 'Importo', 'x-i18n': { en: { title: 'Amount' } } },
    urgente: { type: 'boolean', title: 'Urgente', 'x-i18n': { en: { title: 'Urgent' } } },
    motivo: { type: 'string', title: 'Motivo', 'x-i18n': { en: { title: 'Reason' } } },
  },
  required: ['importo', 'urgente'],
};

export const coverageCases = {
  $schema: 'https://smart-task.dev/schemas/cases/v1.json',
  task: COVERAGE_TASK,
  now: '2026-03-10T09:00:00+01:00',
  subject: { cf: 'RSSMRA80A01H501U', profilo: 'AZIENDA', soggettoCf: '12345670488', matricola: '1234567860' },
  cases: [
    { id: 'piccolo', description: 'Importo 50, non urgente: accolta', data: { importo: 50, urgente: false }, expect: { verdict: 'ACCOLTA', reasons: [] } },
    {
      id: 'grande-urgente',
      description: 'Importo 150, urgente con motivo: non accolta per C-01',
      data: { importo: 150, urgente: true, motivo: 'scadenza' },
      expect: { verdict: 'NON_ACCOLTA', reasons: ['NA-IMPORTO'] },
    },
    {
      id: 'intermediario',
      description: "Un intermediario: G-01 non passa, nient'altro è valutato",
      subject: { cf: 'VRDLGU75C12F205G', profilo: 'INTERMEDIARIO', soggettoCf: '12345670488', matricola: '1234567860' },
      data: { importo: 50, urgente: false },
      expect: { verdict: 'NON_ACCOLTA', reasons: ['NA-SOLO-AZIENDA'] },
    },
  ],
};

export const RULES_FILE = `${COVERAGE_TASK}.rules.json`;
export const SCHEMA_FILE = `${COVERAGE_TASK}.schema.json`;
export const CASES_FILE = `${COVERAGE_TASK}.cases.json`;

/** The task's documents, as `loadCatalog` takes them (the bundled port contract is used). */
export function coverageTaskDocuments(cases: unknown = coverageCases): CatalogDocument[] {
  return [
    { file: RULES_FILE, content: coverageRuleSet },
    { file: SCHEMA_FILE, content: coverageRequestSchema },
    { file: CASES_FILE, content: cases },
  ];
}

/** A temporary directory holding the task's three files; `write` replaces one, `remove` deletes it all. */
export interface CoverageTaskDirectory {
  readonly dir: string;
  write(file: string, content: unknown): void;
  remove(): void;
}

/** Writes the task's files (pretty-printed, as an analyst would) into a new temporary directory. */
export function writeCoverageTask(): CoverageTaskDirectory {
  const dir = mkdtempSync(join(tmpdir(), 'smart-task-coverage-'));
  const write = (file: string, content: unknown) => writeFileSync(join(dir, file), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  for (const { file, content } of coverageTaskDocuments()) write(file, content);
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
