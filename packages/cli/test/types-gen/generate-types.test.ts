import { portContract, requestSchemas, type RequestSchemaDocument, type RevocaDelegaIntermediarioRequest, type DelegaFactResult, type SmartTaskRequests } from '@smart-task/schemas';
import { describe, expect, it } from 'vitest';
import { GENERATED_HEADER, generateTypeFiles, type GeneratedFile } from '../../src/types-gen/generate-types.js';

const REVOCA = 'revoca-delega-intermediario';

function revocaSchema(): RequestSchemaDocument {
  const schema = requestSchemas.find((candidate) => candidate['x-task'] === REVOCA);
  if (!schema) throw new Error(`the catalog has no request schema for ${REVOCA}`);
  return structuredClone(schema) as RequestSchemaDocument;
}

function fileNamed(files: readonly GeneratedFile[], name: string): string {
  const file = files.find((candidate) => candidate.name === name);
  if (!file) throw new Error(`no ${name} among ${files.map((candidate) => candidate.name).join(', ')}`);
  return file.text;
}

/** The body of `export interface <name> { … }` in generated text. */
function interfaceBody(text: string, name: string): string {
  const match = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(text);
  if (!match?.[1]) throw new Error(`no interface ${name} in:\n${text}`);
  return match[1];
}

/** The property lines of an interface body, without the JSDoc. */
function members(body: string): string[] {
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^['A-Za-z].*;$/.test(line));
}

describe('generateTypeFiles', () => {
  it('writes one interface per request with its fields, required where the schema requires them', async () => {
    const files = await generateTypeFiles({ requestSchemas: [revocaSchema()], portContract });
    const body = interfaceBody(fileNamed(files, 'requests.ts'), 'RevocaDelegaIntermediarioRequest');
    expect(members(body)).toEqual(['matricola?: string;', 'delegaId: string;', 'dataEfficacia: string;', "motivo: 'CESSAZIONE_INCARICO' | 'RINUNCIA_INTERMEDIARIO' | 'ALTRO';", 'noteMotivo?: string;']);
  });

  it('makes a field revealed by a condition optional, and says when it is asked', async () => {
    const files = await generateTypeFiles({ requestSchemas: [revocaSchema()], portContract });
    const body = interfaceBody(fileNamed(files, 'requests.ts'), 'RevocaDelegaIntermediarioRequest');
    expect(body).toContain('Asked only when motivo is "ALTRO" (required then, absent otherwise): optional in this type.');
    expect(body).toMatch(/Descrivi il motivo \(en: Describe the reason\)[\s\S]*noteMotivo\?: string;/);
  });

  it('turns enum and labelled oneOf into unions of literals, with the labels as JSDoc', async () => {
    const schema = revocaSchema() as unknown as { properties: Record<string, unknown> };
    schema.properties.canale = { type: 'integer', title: 'Canale', enum: [1, 2, 3] };
    const files = await generateTypeFiles({ requestSchemas: [schema as unknown as RequestSchemaDocument], portContract });
    const text = fileNamed(files, 'requests.ts');
    expect(members(interfaceBody(text, 'RevocaDelegaIntermediarioRequest'))).toContain('canale?: 1 | 2 | 3;');
    expect(text).toContain(`- "RINUNCIA_INTERMEDIARIO": Rinuncia dell'intermediario (en: The intermediary gives it up)`);
  });

  it('strips the x-* annotations and keeps titles and descriptions as JSDoc', async () => {
    const files = await generateTypeFiles({ requestSchemas: [revocaSchema()], portContract });
    const text = fileNamed(files, 'requests.ts');
    expect(text).not.toMatch(/x-(known|options|i18n|messages|widget|task)/);
    expect(text).toContain('Data di efficacia della revoca (en: Date of effect of the revocation)');
    expect(text).toContain('Known to INPS (subject.matricola): shown read-only, not asked.');
  });

  it('maps every task id to its request interface', async () => {
    const files = await generateTypeFiles({ requestSchemas, portContract });
    const map = members(interfaceBody(fileNamed(files, 'requests.ts'), 'SmartTaskRequests'));
    expect(map).toHaveLength(requestSchemas.length);
    expect(map).toContain(`'${REVOCA}': RevocaDelegaIntermediarioRequest;`);
  });

  it('types the port contract: params and result per fact, params per action, shared definitions resolved', async () => {
    const text = fileNamed(await generateTypeFiles({ requestSchemas: [], portContract }), 'port-contract.ts');
    expect(members(interfaceBody(text, 'DelegaFactParams'))).toEqual(['delegaId: string;']);
    expect(text).toContain('export type DelegaFactResult = null | Delega;');
    expect(text).toContain('export type AbilitazioniFactResult = Abilitazione[];');
    expect(members(interfaceBody(text, 'Delega'))).toContain("stato: 'CREATA' | 'ATTIVA' | 'REVOCATA';");
    expect(members(interfaceBody(text, 'Delega'))).toContain('dataFine?: null | string;');
    expect(members(interfaceBody(text, 'RevocaDelegaActionParams'))).toEqual(['delegaId: string;', 'dataEfficacia: string;', 'motivo: string;', 'noteMotivo?: string;']);
    expect(members(interfaceBody(text, 'ProtocollaDpaActionResult'))).toEqual(['protocollo: string;', 'dataProtocollo: string;']);
    expect(interfaceBody(text, 'PortActions')).toContain('    result: ProtocollaDpaActionResult;');
    expect(interfaceBody(text, 'PortActions')).not.toContain('RevocaDelegaActionResult');
    for (const name of Object.keys(portContract.facts)) {
      const type = name.charAt(0).toUpperCase() + name.slice(1);
      expect(interfaceBody(text, 'PortFacts')).toContain(`  ${name}: {\n    params: ${type}FactParams;\n    result: ${type}FactResult;\n  };`);
    }
  });

  it('is deterministic: the same text twice, whatever the order of the schemas', async () => {
    const first = await generateTypeFiles({ requestSchemas, portContract });
    const again = await generateTypeFiles({ requestSchemas: [...requestSchemas].reverse(), portContract });
    expect(again).toEqual(first);
    for (const file of first) expect(file.text.startsWith(`${GENERATED_HEADER}\n`)).toBe(true);
  });
});

describe('the committed generated types', () => {
  it('describe the data of a real request, and refuse a wrong one (checked by pnpm typecheck)', () => {
    const request: RevocaDelegaIntermediarioRequest = { delegaId: 'DEL-001', dataEfficacia: '2026-03-10', motivo: 'ALTRO', noteMotivo: 'Chiusura dello studio' };
    // @ts-expect-error motivo is one of the schema's constants
    const wrongMotivo: RevocaDelegaIntermediarioRequest = { delegaId: 'DEL-001', dataEfficacia: '2026-03-10', motivo: 'ALTRO_ANCORA' };
    // @ts-expect-error dataEfficacia is required
    const missingDate: SmartTaskRequests[typeof REVOCA] = { delegaId: 'DEL-001', motivo: 'ALTRO' };
    const absent: DelegaFactResult = null;
    expect([request.motivo, wrongMotivo.delegaId, missingDate.delegaId, absent]).toEqual(['ALTRO', 'DEL-001', 'DEL-001', null]);
  });
});
