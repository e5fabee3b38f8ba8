import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * Runs `examples/lifecycle/index.mjs` against the sources (vitest maps the package names to `src`) and
 * checks the story it prints. `pnpm demo:lifecycle` runs the same file against the built packages.
 */
const EXAMPLE = new URL('../../../../examples/lifecycle/index.mjs', import.meta.url).href;

describe('examples/lifecycle', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows an accepted, a rejected, a resumed and a retried-then-handed-over request with their notices', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await import(/* @vite-ignore */ EXAMPLE);
    const output = lines.join('\n');
    expect(output).toContain('→ INPS.7000.2026.0001: ACCOLTA');
    expect(output).toContain('  ✉ PEC → aurora@pec.it: Smart-Task INPS.7000.2026.0001: Accolta');
    expect(output).toContain('→ INPS.7000.2026.0002: NON_ACCOLTA');
    expect(output).toMatch(/✉ SMS → \+393331234567 \(\d+\/160\): INPS Smart-Task INPS\.7000\.2026\.0002 \(Revoca delega intermediario\): Non accolta\. La delega DEL-002 non può essere revocata/);
    // An accepted request whose second operation is not confirmed: the verdict stands, the operation is resumed.
    expect(output).toContain('→ INPS.7000.2026.0003: OPERATIONS_RETRY_SCHEDULED (tentativo 2 alle 2026-03-10T08:11:00.000Z)');
    expect(output).toContain('1 di 2 operazioni eseguite. Da completare: conferma-nuova-pec.');
    expect(output).toContain('→ INPS.7000.2026.0003: ACCOLTA');
    expect(output).toMatch(/ALREADY_PERFORMED Conferma della variazione inviata a direzione\.aurora@pec\.it/);
    expect(output).toContain('→ INPS.7000.2026.0004: RETRY_SCHEDULED (tentativo 2 alle 2026-03-10T08:17:00.000Z)');
    expect(output).toContain('→ INPS.7000.2026.0004: IN_CARICO_SEDE');
    expect(output).toContain('  ✉ EMAIL → mario.rossi@example.it: Smart-Task INPS.7000.2026.0004: with the INPS office');
    expect(output).toContain('  │ - The new PEC address has been registered by the INPS office.');
    expect(output).toMatch(/system\s+RECORD_TECHNICAL_FAILURE\s+IN_ISTRUTTORIA → IN_CARICO_SEDE/);
    expect(output).toMatch(/operator\s+CLOSE_BY_OPERATOR\s+IN_CARICO_SEDE → ACCOLTA/);
    expect(output).toMatch(/INPS\.7000\.2026\.0004 {2}2026-03-10 {2}Variazione indirizzo PEC aziendale\s+Accolta\s+\[smart-task--accolta\]/);
    expect(output).toContain('(4 richieste, pagina 1 di 1)');
    for (const line of lines.filter((text) => text.includes('✉ SMS'))) expect(Number(/\((\d+)\/160\)/.exec(line)?.[1])).toBeLessThanOrEqual(160);
  });
});
